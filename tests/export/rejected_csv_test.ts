/**
 * rejected.csv follows the store's `rejected` table doing only what its
 * changes need: unchanged, appended to, or rewritten. Whatever it did, the
 * file must read exactly as the hand-written full file does.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { writeRejectedCsv } from "../../lib/export/rejected_csv.ts";
import { getMeta, openStore, setMeta } from "../../lib/store/open.ts";
import { REJECTED_GENERATION } from "../../lib/store/write_scan.ts";

const HEADER = "file,line,reason,raw\n";

function insert(db: DatabaseSync, rows: [number, string, number, string, string][]): void {
  const statement = db.prepare(
    "INSERT INTO rejected (seq, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)",
  );
  for (const row of rows) statement.run(...row);
}

async function withStore(test: (db: DatabaseSync, path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-rejected-" });
  const db = openStore(join(dir, "state"), { create: true });
  try {
    await test(db, join(dir, "reports", "rejected.csv"));
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("rejected.csv: written whole, then left alone while the table is unchanged", async () => {
  await withStore(async (db, path) => {
    insert(db, [
      [0, "b.csv", 9, "bad timestamp", "x,y"],
      [1, "a.csv", 4, "expected 6 fields, found 2", "=1+2,3"],
    ]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    const expected = HEADER +
      'a.csv,4,"expected 6 fields, found 2","\'=1+2,3"\n' +
      'b.csv,9,bad timestamp,"x,y"\n';
    assert.equal(await Deno.readTextFile(path), expected);
    const { mtime } = await Deno.stat(path);
    assert.equal(await writeRejectedCsv(db, path), "unchanged");
    assert.equal(await Deno.readTextFile(path), expected);
    assert.deepEqual((await Deno.stat(path)).mtime, mtime, "the file was not written again");
  });
});

Deno.test("rejected.csv: rows sorting after the last one are appended, others rewrite it", async () => {
  await withStore(async (db, path) => {
    insert(db, [[0, "a.csv", 4, "r", "one"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");

    // Later lines of the same file, and a file that sorts after it: appended.
    insert(db, [[1, "a.csv", 7, "r", "two"], [2, "b.csv", 1, "r", "three"]]);
    assert.equal(await writeRejectedCsv(db, path), "appended");
    assert.equal(
      await Deno.readTextFile(path),
      HEADER + "a.csv,4,r,one\na.csv,7,r,two\nb.csv,1,r,three\n",
    );

    // A row that belongs before the last one written: the file is rewritten in order.
    insert(db, [[3, "a.csv", 5, "r", "four"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(
      await Deno.readTextFile(path),
      HEADER + "a.csv,4,r,one\na.csv,5,r,four\na.csv,7,r,two\nb.csv,1,r,three\n",
    );
    assert.equal(await writeRejectedCsv(db, path), "unchanged");
  });
});

Deno.test("rejected.csv: rewritten when rows were renamed or deleted, or the file was touched", async () => {
  await withStore(async (db, path) => {
    insert(db, [[0, "app.csv", 3, "r", "one"], [1, "app.csv", 8, "r", "two"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");

    // A rotation renamed the rows (the parse run bumps the generation).
    db.exec("UPDATE rejected SET file = 'app.csv.1'");
    setMeta(db, REJECTED_GENERATION, (getMeta<number>(db, REJECTED_GENERATION) ?? 0) + 1);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(await Deno.readTextFile(path), HEADER + "app.csv.1,3,r,one\napp.csv.1,8,r,two\n");

    // Someone edited the file: it is written again, whole.
    await Deno.writeTextFile(path, "edited\n");
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(await Deno.readTextFile(path), HEADER + "app.csv.1,3,r,one\napp.csv.1,8,r,two\n");

    // Gone: written again.
    await Deno.remove(path);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");

    // Another reports directory: written there in full.
    const other = join(path, "..", "..", "elsewhere", "rejected.csv");
    insert(db, [[2, "web.csv", 1, "r", "three"]]);
    assert.equal(await writeRejectedCsv(db, other), "rewritten");
    assert.equal(
      await Deno.readTextFile(other),
      HEADER + "app.csv.1,3,r,one\napp.csv.1,8,r,two\nweb.csv,1,r,three\n",
    );
  });
});

Deno.test("rejected.csv: file order whether or not the table holds its rows in that order", async () => {
  await withStore(async (db, path) => {
    // Three pages of rows already in file order, across a file change.
    const rows: [number, string, number, string, string][] = [];
    for (let i = 0; i < 10_000; i++) {
      rows.push([i, i < 6_000 ? "a.csv" : "b.csv", i < 6_000 ? i + 2 : i - 5_000, "r", `x${i}`]);
    }
    insert(db, rows);
    const inOrder = rows.map(([, file, line, , raw]) => `${file},${line},r,${raw}\n`);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(await Deno.readTextFile(path), HEADER + inOrder.join(""));

    // One row on the last page belongs in the first: the whole file comes out sorted.
    insert(db, [[10_000, "a.csv", 1, "r", "early"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(await Deno.readTextFile(path), HEADER + "a.csv,1,r,early\n" + inOrder.join(""));
  });
});

Deno.test("rejected.csv: appended rows out of order among themselves are appended sorted", async () => {
  await withStore(async (db, path) => {
    insert(db, [[0, "a.csv", 4, "r", "one"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    insert(db, [[1, "a.csv", 9, "r", "three"], [2, "a.csv", 7, "r", "two"]]);
    assert.equal(await writeRejectedCsv(db, path), "appended");
    assert.equal(
      await Deno.readTextFile(path),
      HEADER + "a.csv,4,r,one\na.csv,7,r,two\na.csv,9,r,three\n",
    );
    assert.equal(await writeRejectedCsv(db, path), "unchanged");
  });
});

Deno.test("rejected.csv: names order as SQLite orders them (by UTF-8 bytes), beyond the BMP too", async () => {
  await withStore(async (db, path) => {
    // UTF-16 puts U+1F600 (a surrogate pair, 0xD83D…) before U+FF61; UTF-8 (F0… vs EF…) after.
    insert(db, [[0, "\u{1F600}.csv", 1, "r", "emoji"], [1, "\uFF61.csv", 1, "r", "halfwidth"]]);
    assert.equal(await writeRejectedCsv(db, path), "rewritten");
    assert.equal(
      await Deno.readTextFile(path),
      HEADER + "\uFF61.csv,1,r,halfwidth\n\u{1F600}.csv,1,r,emoji\n",
    );
  });
});
