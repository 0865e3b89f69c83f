/**
 * Cube cells stored as typed-array BLOBs: a round trip through node:sqlite
 * keeps every cell, and countByKey sums errors and totals per key as a hand
 * count does.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { countByKey, readCube, writeCube } from "../../lib/store/cube.ts";
import type { CubeCells } from "../../lib/store/cube.ts";

function cells(
  rows: [hour: number, level: number, service: number, key: number, count: number][],
): CubeCells {
  return {
    hour: Int32Array.from(rows.map((r) => r[0])),
    level: Uint8Array.from(rows.map((r) => r[1])),
    service: Int32Array.from(rows.map((r) => r[2])),
    key: Int32Array.from(rows.map((r) => r[3])),
    count: Float64Array.from(rows.map((r) => r[4])),
  };
}

function openMemoryStore(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(
    `CREATE TABLE cube_cells (dim TEXT PRIMARY KEY, cells INTEGER NOT NULL, hour BLOB NOT NULL,
    level BLOB NOT NULL, service BLOB NOT NULL, key BLOB NOT NULL, count BLOB NOT NULL)`,
  );
  return db;
}

Deno.test("writeCube/readCube round-trip every cell; an absent dimension reads empty", () => {
  const db = openMemoryStore();
  const ip = cells([[473_000, 3, 1, 0, 2], [473_001, 1, 0, 5, 1e12], [-1, 5, 7, 2, 0.5]]);
  writeCube(db, "ip", ip);
  assert.deepEqual(readCube(db, "ip"), ip);
  writeCube(db, "ip", cells([[1, 1, 1, 1, 1]])); // replaced, not appended
  assert.equal(readCube(db, "ip").count.length, 1);
  assert.equal(readCube(db, "service").count.length, 0);
  db.close();
});

Deno.test("countByKey: errors and totals per key, by hand", () => {
  const isError = Uint8Array.from([0, 0, 0, 1, 1, 0]); // ERROR and CRITICAL
  const cube = cells([
    [0, 3, 0, 0, 2], // key 0: 2 errors
    [0, 1, 0, 0, 5], // key 0: 5 info
    [1, 4, 1, 2, 1], // key 2: 1 critical
    [1, 2, 1, 2, 3], // key 2: 3 warn
  ]);
  // Per key: [errors, total].
  assert.deepEqual([...countByKey(cube, 3, isError)], [2, 7, 0, 0, 1, 4]);
});
