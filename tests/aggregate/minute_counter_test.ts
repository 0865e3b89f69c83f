/**
 * MinuteCounter against a plain Map count: minutes on one page, on many,
 * before 1970, spread over more pages than a counter keeps, with more
 * services than a page holds, and after clear().
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { MinuteCounter } from "../../lib/aggregate/minute_counter.ts";

function counted(
  adds: [number, number, number, number][],
  counter = new MinuteCounter(),
): string[] {
  for (const [minute, level, service, n] of adds) counter.add(minute, level, service, n);
  const { minute, level, service, count } = counter.finish();
  const rows: string[] = [];
  for (let i = 0; i < count.length; i++) {
    rows.push(`${minute[i]}|${level[i]}|${service[i]}|${count[i]}`);
  }
  return rows.sort();
}

function expected(adds: [number, number, number, number][]): string[] {
  const map = new Map<string, number>();
  for (const [minute, level, service, n] of adds) {
    const key = `${minute}|${level}|${service}`;
    map.set(key, (map.get(key) ?? 0) + n);
  }
  return [...map].filter(([, n]) => n !== 0).map(([key, n]) => `${key}|${n}`).sort();
}

Deno.test("minute counter: hand-made adds on pages and outside them", () => {
  const adds: [number, number, number, number][] = [
    [28_000_000, 3, 0, 1],
    [28_000_000, 3, 0, 2], // same cell
    [27_999_950, 1, 1, 1], // the page before
    [27_000_000, 4, 2, 1], // long before: another page
    [-5, 0, 0, 1], // before 1970
    [28_000_001, 5, 40, 1], // a service beyond a page's: outside
  ];
  assert.deepEqual(counted(adds), expected(adds));
  assert.equal(counted(adds).length, 5);
});

Deno.test("minute counter: property: equals a plain count", () => {
  const add = fc.tuple(
    fc.oneof(
      fc.integer({ min: 28_000_000, max: 28_001_500 }),
      fc.integer({ min: 0, max: 5e7 }),
      fc.integer({ min: -1e6, max: 0 }),
    ),
    fc.integer({ min: 0, max: 5 }),
    fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 })),
    fc.integer({ min: 1, max: 3 }),
  );
  fc.assert(
    fc.property(fc.array(add, { maxLength: 200 }), (adds) => {
      assert.deepEqual(counted(adds), expected(adds));
    }),
    { numRuns: 300 },
  );
});

Deno.test("minute counter: minutes on more pages than it keeps, and reuse after clear()", () => {
  // 100 pages' worth of minutes: the first 32 pages are dense, the rest go outside.
  const spread: [number, number, number, number][] = [];
  for (let i = 0; i < 300; i++) spread.push([i * 97, i % 6, i % 3, 1 + (i % 2)]);
  const counter = new MinuteCounter();
  assert.deepEqual(counted(spread, counter), expected(spread));
  counter.clear();
  const again: [number, number, number, number][] = [[28_000_000, 2, 1, 5], [12, 0, 0, 1]];
  assert.deepEqual(
    counted(again, counter),
    expected(again),
    "a cleared counter counts like a new one",
  );
});
