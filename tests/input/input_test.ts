/**
 * Input discovery and headers: aliases matched case-insensitively (extra
 * columns ignored, BOM and blank lines before the header skipped), missing
 * required columns named with the columns found, and files found under
 * directories and globs with every problem reported by path.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { mapColumns } from "../../lib/input/columns.ts";
import { discoverInputs, globToRegExp, isInputName } from "../../lib/input/discover.ts";
import { readHeader } from "../../lib/input/header.ts";
import { buildManifest } from "../../lib/input/manifest.ts";

Deno.test("column aliases map case-insensitively; extra columns are ignored", () => {
  const mapping = mapColumns([
    " Time ",
    "SEVERITY",
    "msg",
    "extra",
    "Client_IP",
    "service_name",
    "Path",
  ]);
  assert.ok(mapping.ok);
  const { columns } = mapping;
  assert.deepEqual(
    [
      columns.timestamp,
      columns.log_level,
      columns.message,
      columns.ip,
      columns.service,
      columns.endpoint,
    ],
    [0, 1, 2, 4, 5, 6],
  );
  assert.equal(columns.error_type, -1);
  assert.equal(columns.fieldCount, 7);
  const missing = mapColumns(["when", "level", "text"]);
  assert.deepEqual(missing, { ok: false, missing: ["timestamp", "message"] });
});

Deno.test("readHeader skips a BOM and blank lines, and finds where data starts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-input-" });
  try {
    const path = join(dir, "a.csv");
    const text = '\uFEFF\r\n\ntimestamp,level,"message, text"\r\n2024-01-15 10:00:00,INFO,x\r\n';
    await Deno.writeTextFile(path, text);
    const size = (await Deno.stat(path)).size;
    const header = await readHeader(path, false, size, 1 << 20);
    assert.deepEqual(header?.names, ["timestamp", "level", "message, text"]);
    assert.equal(header?.headerNewlines, 3);
    const bytes = await Deno.readFile(path);
    assert.equal(
      new TextDecoder().decode(bytes.subarray(header!.dataStart)),
      "2024-01-15 10:00:00,INFO,x\r\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("discovery: directories, globs and files; problems named by path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-input-" });
  try {
    for (
      const name of [
        "a.csv",
        "b.CSV.gz",
        "notes.txt",
        "sub/c.csv",
        "sub/deeper/d.csv",
        "empty/x.txt",
      ]
    ) {
      await Deno.mkdir(join(dir, name, ".."), { recursive: true });
      await Deno.writeTextFile(join(dir, name), "x");
    }
    const all = await discoverInputs([dir]);
    assert.deepEqual(
      all.files.map((f) => f.slice(dir.length + 1)),
      ["a.csv", "b.CSV.gz", "sub/c.csv", "sub/deeper/d.csv"],
    );
    assert.deepEqual(all.problems, []);
    const globbed = await discoverInputs([join(dir, "sub", "**", "*.csv"), join(dir, "*.txt")]);
    assert.deepEqual(globbed.files.map((f) => f.slice(dir.length + 1)), [
      "notes.txt",
      "sub/c.csv",
      "sub/deeper/d.csv",
    ]);
    const problems = await discoverInputs([
      join(dir, "nope"),
      join(dir, "empty"),
      join(dir, "*.log"),
    ]);
    assert.deepEqual(problems.files, []);
    assert.deepEqual(problems.problems.map((p) => p.problem), [
      "no such file or directory",
      "directory holds no log file (*.csv, *.log, *.json, *.jsonl, *.ndjson, or .gz)",
      "no file matches this pattern",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("names and globs", () => {
  assert.ok(isInputName("app.csv") && isInputName("APP.CSV.GZ"));
  assert.ok(!isInputName("app.csv.bak") && !isInputName("app.gz"));
  assert.ok(globToRegExp("**/*.csv").test("a/b/c.csv"));
  assert.ok(globToRegExp("*.csv").test("c.csv"));
  assert.ok(!globToRegExp("*.csv").test("a/c.csv"));
  assert.ok(globToRegExp("app-2024-0?-*.csv").test("app-2024-01-15.csv"));
});

Deno.test("manifest: refused files name the missing and found columns; the rest are planned", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-input-" });
  try {
    await Deno.writeTextFile(
      join(dir, "good.csv"),
      "timestamp,log_level,message\n2024-01-15 10:00:00,INFO,x\n",
    );
    await Deno.writeTextFile(join(dir, "bad.csv"), "ts,text\n1,2\n");
    await Deno.writeTextFile(join(dir, "empty.csv"), "");
    const manifest = await buildManifest({
      paths: [dir],
      defaultYear: null,
      maxRecordBytes: 1 << 20,
    });
    assert.deepEqual(manifest.files.map((f) => f.header), [["timestamp", "log_level", "message"]]);
    // A null default year means the file's modification year.
    assert.equal(
      manifest.files[0].defaultYear,
      new Date(manifest.files[0].mtimeMs).getUTCFullYear(),
    );
    assert.deepEqual(
      manifest.refused.map((r) => r.problem).sort(),
      [
        "empty file (no header row)",
        "missing required columns log_level, message; found columns: ts, text",
      ],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
