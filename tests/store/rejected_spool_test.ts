/**
 * The rejected-row spool: rows come out in the order they went in, numbered
 * from the given sequence, only when committed; a connection closed before
 * the commit (a killed run) leaves `rejected` as it was.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { RejectedSpool } from "../../lib/store/rejected_spool.ts";
import { REJECTED_COLUMNS_SQL } from "../../lib/store/schema.ts";

const SCHEMA = `CREATE TABLE rejected ${REJECTED_COLUMNS_SQL}`;

function rows(db: DatabaseSync): unknown[][] {
  return db.prepare("SELECT seq, file, line, reason, raw FROM rejected ORDER BY seq").all()
    .map((row) => Object.values(row));
}

Deno.test("spooled rows are appended in order with consecutive seq", () => {
  // 5,000 rows: two full batches and one of 904 (14 inserts of 64 rows, then 8 single rows).
  const db = new DatabaseSync(":memory:");
  db.exec(SCHEMA);
  const spool = new RejectedSpool(db);
  for (let i = 0; i < 5000; i++) {
    spool.add({ file: i < 2500 ? "a.csv" : "b.csv", line: i + 2, reason: `r${i}`, raw: `x${i}` });
  }
  spool.flush();
  assert.equal(spool.count, 5000);
  assert.equal(rows(db).length, 0, "nothing reaches rejected before the commit");
  db.exec("BEGIN");
  spool.appendInto(10);
  db.exec("COMMIT");
  const committed = rows(db);
  assert.equal(committed.length, 5000);
  assert.deepEqual(committed[0], [10, "a.csv", 2, "r0", "x0"]);
  assert.deepEqual(committed[4999], [5009, "b.csv", 5001, "r4999", "x4999"]);
  committed.forEach((row, i) => {
    assert.deepEqual(row, [10 + i, i < 2500 ? "a.csv" : "b.csv", i + 2, `r${i}`, `x${i}`]);
  });
  db.close();
});

Deno.test("a run that dies before its commit leaves no spooled rows behind", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "store.db");
    let db = new DatabaseSync(path);
    db.exec(SCHEMA);
    const spool = new RejectedSpool(db);
    spool.add({ file: "a.csv", line: 3, reason: "bad", raw: "x" });
    spool.flush();
    db.close(); // as a killed process would, without appendInto or replaceInto
    db = new DatabaseSync(path);
    const fresh = new RejectedSpool(db);
    fresh.flush();
    db.exec("BEGIN");
    fresh.appendInto(0);
    db.exec("COMMIT");
    assert.deepEqual(rows(db), []);
    db.close();
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a full run's spool replaces rejected whole, in order, without copying", () => {
  const db = new DatabaseSync(":memory:");
  db.exec(SCHEMA);
  db.exec("INSERT INTO rejected VALUES (0, 'old.csv', 5, 'r', 'x')");
  const spool = new RejectedSpool(db);
  spool.add({ file: "b.csv", line: 9, reason: "r1", raw: "y" });
  spool.add({ file: "a.csv", line: 2, reason: "r2", raw: "z" });
  spool.flush();
  assert.deepEqual(rows(db), [[0, "old.csv", 5, "r", "x"]], "the old rows stand until the commit");
  db.exec("BEGIN");
  spool.replaceInto();
  db.exec("COMMIT");
  assert.deepEqual(rows(db), [[1, "b.csv", 9, "r1", "y"], [2, "a.csv", 2, "r2", "z"]]);
  // The table is `rejected` as the schema makes it, and the next run spools afresh.
  const next = new RejectedSpool(db);
  next.add({ file: "c.csv", line: 4, reason: "r3", raw: "w" });
  next.flush();
  db.exec("BEGIN");
  next.appendInto(3);
  db.exec("COMMIT");
  assert.deepEqual(rows(db).at(-1), [3, "c.csv", 4, "r3", "w"]);
  const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'rejected'").get() as {
    sql: string;
  }).sql;
  assert.ok(sql.includes(REJECTED_COLUMNS_SQL), sql);
  db.close();
});
