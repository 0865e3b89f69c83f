/**
 * MinuteCounter against a plain Map count: inside the dense window, before
 * it, far after it, and with more services than the window holds.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { MinuteCounter } from "../../lib/aggregate/minute_counter.ts";

function counted(adds: [number, number, number, number][]): string[] {
  const counter = new MinuteCounter();
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

Deno.test("minute counter: hand-made adds inside and outside the window", () => {
  const adds: [number, number, number, number][] = [
    [28_000_000, 3, 0, 1],
    [28_000_000, 3, 0, 2], // same cell
    [27_999_950, 1, 1, 1], // before the first minute, inside the lead
    [27_000_000, 4, 2, 1], // long before: outside
    [28_005_000, 0, 0, 1], // long after: outside
    [28_000_001, 5, 40, 1], // a service beyond the window's
  ];
  assert.deepEqual(counted(adds), expected(adds));
  assert.equal(counted(adds).length, 5);
});

Deno.test("minute counter: property: equals a plain count", () => {
  const add = fc.tuple(
    fc.oneof(fc.integer({ min: 28_000_000, max: 28_001_500 }), fc.integer({ min: 0, max: 5e7 })),
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
