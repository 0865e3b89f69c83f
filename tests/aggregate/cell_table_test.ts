/**
 * The cell table against a plain `Map` keyed by the coordinates: the same
 * cells in insertion order with the same counts, whether an hour stays dense
 * or turns into a hash table, and whatever order hours arrive in.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { CellTable } from "../../lib/aggregate/cell_table.ts";

type Add = [hour: number, level: number, key: number, sub: number, n: number];

function checkAgainstMap(adds: Add[]): CellTable {
  const table = new CellTable();
  const expected = new Map<string, { index: number; count: number }>();
  for (const [hour, level, key, sub, n] of adds) {
    const id = `${hour}|${level}|${key}|${sub}`;
    let cell = expected.get(id);
    if (cell === undefined) expected.set(id, cell = { index: expected.size, count: 0 });
    cell.count += n;
    assert.equal(table.add(hour, level, key, n, sub), cell.index, id);
  }
  assert.equal(table.size, expected.size);
  for (const [id, { index, count }] of expected) {
    const [hour, level, key, sub] = id.split("|").map(Number);
    assert.deepEqual(
      [
        table.hour[index],
        table.level[index],
        table.key[index],
        table.sub[index],
        table.count[index],
      ],
      [hour, level, key, sub, count],
      id,
    );
  }
  return table;
}

Deno.test("cells are dense indices in insertion order with summed counts", () => {
  const table = checkAgainstMap([
    [0, 3, 7, 0, 1],
    [0, 3, 7, 0, 2],
    [0, 2, 7, 0, 1],
    [1, 3, 7, 0, 5],
    [0, 3, 7, 1, 1],
  ]);
  assert.equal(table.size, 4);
  assert.equal(table.count[0], 3);
});

Deno.test("an hour with many keys and subs grows, then becomes a hash table", () => {
  const adds: Add[] = [];
  // 3000 keys × 40 subs is far past the dense limit; revisit every cell to count twice.
  for (let round = 0; round < 2; round++) {
    for (let key = 0; key < 3000; key += 7) {
      for (let sub = 0; sub < 40; sub += 3) adds.push([5, (key + sub) % 6, key, sub, 1]);
    }
  }
  const table = checkAgainstMap(adds);
  assert.ok(Array.from(table.count.subarray(0, table.size)).every((c) => c === 2));
});

Deno.test("property: the table agrees with a Map on any adds", () => {
  const add = fc.tuple(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 5 }),
    fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5000 })),
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 300 })),
    fc.integer({ min: 1, max: 1000 }),
  );
  fc.assert(fc.property(fc.array(add, { maxLength: 400 }), (adds) => void checkAgainstMap(adds)));
});
