/**
 * The rejected-row spool: rows come out in the order they went in, numbered
 * from the given sequence, only when committed; a connection closed before
 * the commit (a killed run) leaves `rejected` as it was.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { RejectedSpool } from "../../lib/store/rejected_spool.ts";

const SCHEMA =
  "CREATE TABLE rejected (seq INTEGER, file TEXT, line INTEGER, reason TEXT, raw TEXT)";

function rows(db: DatabaseSync): unknown[][] {
  return db.prepare("SELECT seq, file, line, reason, raw FROM rejected ORDER BY seq").all()
    .map((row) => Object.values(row));
}

Deno.test("spooled rows are committed in order with consecutive seq", () => {
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
  spool.commitInto(10);
  db.exec("COMMIT");
  const committed = rows(db);
  assert.equal(committed.length, 5000);
  assert.deepEqual(committed[0], [10, "a.csv", 2, "r0", "x0"]);
  assert.deepEqual(committed[4999], [5009, "b.csv", 5001, "r4999", "x4999"]);
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
    db.close(); // as a killed process would, without commitInto
    db = new DatabaseSync(path);
    const fresh = new RejectedSpool(db);
    fresh.flush();
    db.exec("BEGIN");
    fresh.commitInto(0);
    db.exec("COMMIT");
    assert.deepEqual(rows(db), []);
    db.close();
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
