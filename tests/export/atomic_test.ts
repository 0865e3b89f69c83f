/**
 * Atomic writes: the target holds the old content or the new, never part; a
 * failed write leaves no temp file; and temp files of killed runs (named
 * `<file>.<pid>.tmp`) are found and removed, nothing else.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { removeStaleTemps, writeFileAtomic } from "../../lib/export/atomic.ts";

Deno.test("writeFileAtomic replaces content whole and leaves no temp file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-atomic-" });
  try {
    const path = join(dir, "nested", "report.csv");
    await writeFileAtomic(path, "a,b\n1,2\n");
    await writeFileAtomic(path, new TextEncoder().encode("a,b\n3,4\n"));
    assert.equal(await Deno.readTextFile(path), "a,b\n3,4\n");
    assert.deepEqual(
      (await Array.fromAsync(Deno.readDir(join(dir, "nested")))).map((e) => e.name),
      ["report.csv"],
    );
    // A target that cannot be replaced (a directory) fails without leaving the temp file.
    await Deno.mkdir(join(dir, "taken"));
    await assert.rejects(() => writeFileAtomic(join(dir, "taken"), "x"));
    const names = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
    assert.deepEqual(names, ["nested", "taken"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("removeStaleTemps removes killed runs' temp files only", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-atomic-" });
  try {
    await Deno.mkdir(join(dir, "csv"));
    const files = {
      "summary.json": "{}",
      "summary.json.4242.tmp": "{", // a killed run's half-written temp
      "csv/errors.csv.17.tmp": "a,",
      "csv/errors.csv": "a,b\n",
      "notes.tmp": "not ours: no pid",
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(dir, name), text);
    }
    const removed = (await removeStaleTemps(dir)).map((p) => p.slice(dir.length + 1)).sort();
    assert.deepEqual(removed, ["csv/errors.csv.17.tmp", "summary.json.4242.tmp"]);
    assert.equal(await Deno.readTextFile(join(dir, "summary.json")), "{}");
    assert.equal(await Deno.readTextFile(join(dir, "notes.tmp")), "not ours: no pid");
    assert.deepEqual(await removeStaleTemps(join(dir, "absent")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** `count` lines "i,é…" as separate chunks, some with multi-byte characters. */
function* numberedLines(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield `${i},${"é".repeat(i % 5)}\n`;
}

Deno.test("writeFileAtomic writes an iterable of chunks in order", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "rejected.csv");
    await writeFileAtomic(path, numberedLines(1000));
    const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
    assert.equal(lines.length, 1000);
    assert.equal(lines[999], `999,${"é".repeat(4)}`);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["rejected.csv"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic chunks: multi-byte text, growing and shrinking chunks, and an append", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "rejected.csv");
    // 2-, 3- and 4-byte UTF-8 (a surrogate pair), a lone surrogate (written as U+FFFD), empty chunks.
    const chunks = [
      "a",
      "é".repeat(70_000),
      "",
      "€".repeat(30_000),
      "😀".repeat(40_000),
      "\uD800",
      "z",
    ];
    await writeFileAtomic(path, chunks);
    const expected = new TextEncoder().encode(chunks.join(""));
    assert.deepEqual(await Deno.readFile(path), expected);
    await writeFileAtomic(path, ["€", "x".repeat(100_000)], { appendTo: path });
    const appended = new TextEncoder().encode(chunks.join("") + "€" + "x".repeat(100_000));
    assert.deepEqual(await Deno.readFile(path), appended);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
