/**
 * Cube cells stored as typed-array BLOBs: a round trip through node:sqlite
 * keeps every cell, and countByKey sums errors and totals per key as a hand
 * count does.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { countByKey, readCube, writeCube } from "../../lib/store/cube.ts";
import { SCHEMA_SQL } from "../../lib/store/schema.ts";
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
  db.exec(SCHEMA_SQL);
  return db;
}

Deno.test("writeCube/readCube round-trip every cell; an absent dimension reads empty", () => {
  const db = openMemoryStore();
  // Read back ordered by hour: the store keeps one row per (dimension, hour).
  const ip = cells([[-1, 5, 7, 2, 0.5], [473_000, 3, 1, 0, 2], [473_001, 1, 0, 5, 1e12]]);
  writeCube(db, "ip", ip);
  assert.deepEqual(readCube(db, "ip"), ip);
  assert.deepEqual(readCube(db, "ip", new Set([473_001, 9])), cells([[473_001, 1, 0, 5, 1e12]]));
  // Writing an hour replaces that hour only.
  writeCube(db, "ip", cells([[473_000, 1, 1, 1, 1]]));
  assert.deepEqual(
    readCube(db, "ip"),
    cells([[-1, 5, 7, 2, 0.5], [473_000, 1, 1, 1, 1], [473_001, 1, 0, 5, 1e12]]),
  );
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
