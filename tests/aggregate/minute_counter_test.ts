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

Deno.test("minute counter: a full page, counted in reverse, is listed in minute order", () => {
  // 256 minutes × 8 services × 6 levels = 12,288 cells on one page: its list
  // of counted slots grows many times, and finish() must still list cells
  // by (minute, service, level) whatever order they were first counted in.
  const first = 28_000_000 - (28_000_000 % 256);
  const adds: [number, number, number, number][] = [];
  for (let m = 255; m >= 0; m--) {
    for (let s = 7; s >= 0; s--) {
      for (let l = 5; l >= 0; l--) adds.push([first + m, l, s, 1 + ((m + s + l) % 4)]);
    }
  }
  const counter = new MinuteCounter();
  for (const [minute, level, service, n] of adds) counter.add(minute, level, service, n);
  for (const [minute, level, service, n] of adds.slice(0, 100)) {
    counter.add(minute, level, service, n);
  }
  const { minute, level, service, count } = counter.finish();
  assert.equal(count.length, 256 * 8 * 6);
  const listed = Array.from(count, (_, i) => [minute[i], service[i], level[i]]);
  const sorted = listed.toSorted((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  assert.deepEqual(listed, sorted);
  assert.deepEqual(
    counted(adds.concat(adds.slice(0, 100))),
    expected(adds.concat(adds.slice(0, 100))),
  );
  counter.clear();
  counter.add(first + 3, 2, 1, 7);
  assert.deepEqual(Array.from(counter.finish().count), [7], "clear() zeroes every counted slot");
});
