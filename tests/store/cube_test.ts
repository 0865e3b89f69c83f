/**
 * Cube cells stored as typed-array BLOBs: a round trip through node:sqlite
 * keeps every cell whatever width its hour's ids and counts were stored in,
 * rows written before widths varied still read back, and countByKey sums
 * errors and totals per key as a hand count does.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { bytesOf, countByKey, groupIndices, readCube, writeCube } from "../../lib/store/cube.ts";
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

Deno.test("writeCube: each hour's ids and counts in the narrowest width that holds them", () => {
  const db = openMemoryStore();
  const cube = cells([
    [10, 1, 3, 65_535, 4_294_967_295], // 16-bit ids, 32-bit counts
    [11, 2, 65_536, 1, 7], // a 32-bit id (service): that hour's services are 32-bit
    [12, 3, 0, 2, 2.5], // a fraction: that hour's counts are 64-bit
    [13, 4, 0, 2, 4_294_967_296], // past 32 bits: 64-bit
  ]);
  writeCube(db, "ip", cube);
  const widths = db.prepare(
    "SELECT hour, length(service) AS s, length(key) AS k, length(count) AS c FROM cube_cells ORDER BY hour",
  ).all().map((row) => ({ ...row }));
  assert.deepEqual(widths, [
    { hour: 10, s: 2, k: 2, c: 4 },
    { hour: 11, s: 4, k: 2, c: 4 },
    { hour: 12, s: 2, k: 2, c: 8 },
    { hour: 13, s: 2, k: 2, c: 8 },
  ]);
  assert.deepEqual(readCube(db, "ip"), cube);
  db.close();
});

Deno.test("readCube: rows stored with 32-bit ids and 64-bit counts (older stores) read back", () => {
  const db = openMemoryStore();
  db.prepare(
    "INSERT INTO cube_cells (dim, hour, cells, level, service, key, count) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(
    "ip",
    473_000,
    2,
    bytesOf(Uint8Array.from([3, 4])),
    bytesOf(Int32Array.from([1, 2])),
    bytesOf(Int32Array.from([7, 70_000])),
    bytesOf(Float64Array.from([5, 6])),
  );
  assert.deepEqual(readCube(db, "ip"), cells([[473_000, 3, 1, 7, 5], [473_000, 4, 2, 70_000, 6]]));
  db.close();
});

Deno.test("groupIndices: cell indices by hour, in hour order, near or far apart", () => {
  const near = groupIndices(Int32Array.from([473_001, 473_000, 473_001, -1]));
  assert.deepEqual(near, [
    [-1, Uint32Array.from([3])],
    [473_000, Uint32Array.from([1])],
    [473_001, Uint32Array.from([0, 2])],
  ]);
  // Hours over two million apart: grouped without a dense table, same answer.
  const far = groupIndices(Int32Array.from([2_000_000, -2_000_000, 2_000_000]));
  assert.deepEqual(far, [[-2_000_000, Uint32Array.from([1])], [
    2_000_000,
    Uint32Array.from([0, 2]),
  ]]);
  assert.deepEqual(groupIndices(new Int32Array(0)), []);
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
