import assert from "node:assert/strict";
import fc from "fast-check";
import { AggregateBuilder } from "../../lib/aggregate/builder.ts";
import { AggregateMerger, mergeAggregates } from "../../lib/aggregate/merge.ts";
import { Dim, type PartialAggregate } from "../../lib/aggregate/partial.ts";
import { canonical } from "./canonical.ts";

/** A row as the worker would fold it, with strings instead of ids. */
interface Row {
  hour: number;
  level: number;
  ts: number;
  service: string;
  ip: string;
  type: string;
  template: string;
  message: string;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  hour: fc.integer({ min: 470_000, max: 470_005 }),
  level: fc.integer({ min: 0, max: 5 }),
  ts: fc.integer({ min: 0, max: 3_599_999 }),
  service: fc.constantFrom("api", "web", "db", ""),
  ip: fc.constantFrom("10.0.0.1", "10.0.0.2", "::1"),
  type: fc.constantFrom("Timeout", "NotFound", "IOException"),
  template: fc.constantFrom("a <*>", "b <*> c", "d"),
  message: fc.constantFrom("m1", "m2", "m3", "m4"),
});

/** Builds a partial the way a worker does: ids assigned in first-seen order. */
function build(rows: readonly Row[]): PartialAggregate {
  const builder = new AggregateBuilder();
  const ids = (list: string[], value: string) => {
    const at = list.indexOf(value);
    return at >= 0 ? at : list.push(value) - 1;
  };
  for (const row of rows) {
    const ts = row.hour * 3_600_000 + row.ts;
    const h = builder.hourIndex(row.hour);
    builder.addLevel(h, row.level, 1);
    builder.seenTime(ts, ts);
    const service = ids(builder.keys[Dim.SERVICE], row.service);
    builder.addKey(Dim.SERVICE, h, row.level, service, 1, ts, ts, service);
    builder.addKey(Dim.IP, h, row.level, ids(builder.keys[Dim.IP], row.ip), 1, ts, ts, service);
    if (row.level === 3 || row.level === 4) {
      const type = ids(builder.keys[Dim.ERROR_TYPE], row.type);
      const template = ids(builder.templates, row.template);
      builder.addKey(Dim.ERROR_TYPE, h, row.level, type, 1, ts, ts, service);
      builder.addKey(Dim.TEMPLATE, h, row.level, template, 1, ts, ts, service);
      const pair = builder.addPair(type, template, 1, ts, ts);
      builder.offerPairExample(pair, ts, row.message);
      if (builder.pairWantsRecent(pair, ts)) {
        builder.offerPairRecent(pair, { ts, message: row.message });
      }
      builder.offerTypeExample(type, { ts, message: row.message });
    }
  }
  return builder.finish();
}

const rowsArb = fc.array(rowArb, { maxLength: 40 });

Deno.test("merge: associative and commutative, and equal to building from all rows", () => {
  fc.assert(
    fc.property(rowsArb, rowsArb, rowsArb, (a, b, c) => {
      const [pa, pb, pc] = [build(a), build(b), build(c)];
      const left = mergeAggregates([mergeAggregates([pa, pb]), pc]);
      const right = mergeAggregates([pa, mergeAggregates([pb, pc])]);
      const swapped = mergeAggregates([pc, pb, pa]);
      const whole = build([...a, ...b, ...c]);
      assert.deepEqual(canonical(left), canonical(right));
      assert.deepEqual(canonical(left), canonical(swapped));
      assert.deepEqual(canonical(left), canonical(whole));
    }),
    { numRuns: 300 },
  );
});

Deno.test("merge: hand-counted example", () => {
  const rows: Row[] = [
    {
      hour: 1,
      level: 3,
      ts: 5,
      service: "api",
      ip: "a",
      type: "T",
      template: "x",
      message: "late",
    },
    {
      hour: 1,
      level: 3,
      ts: 1,
      service: "api",
      ip: "a",
      type: "T",
      template: "x",
      message: "early",
    },
    {
      hour: 2,
      level: 1,
      ts: 0,
      service: "web",
      ip: "b",
      type: "T",
      template: "x",
      message: "info",
    },
  ];
  const merged = mergeAggregates([build(rows.slice(0, 1)), build(rows.slice(1))]);
  const c = canonical(merged);
  assert.deepEqual(c.levels, ["1|3|2", "2|1|1"]);
  assert.deepEqual(c.dims.service.cells, ["1|3|api|api|2", "2|1|web|web|1"]);
  assert.deepEqual(c.dims.ip.cells, ["1|3|a|api|2", "2|1|b|web|1"]);
  assert.deepEqual(c.dims.template.cells, ["1|3|x|api|2"]);
  assert.deepEqual(c.pairs, ["T|x|2|3600001|3600005|3600001|early|3600001:early"]);
  assert.deepEqual(c.typeExamples, ["T|3600001:early,3600005:late"]);
  assert.equal(merged.minTs, 3_600_001);
  assert.equal(merged.maxTs, 7_200_000);
});

Deno.test("merge: result() hands over views sized to fit, and the merger is then done", () => {
  const merger = new AggregateMerger();
  const rows: Row[] = [
    { hour: 1, level: 1, ts: 0, service: "api", ip: "a", type: "T", template: "x", message: "m" },
    { hour: 2, level: 2, ts: 0, service: "web", ip: "b", type: "T", template: "x", message: "m" },
  ];
  merger.absorb(build(rows));
  const result = merger.result();
  const cells = result.dims[Dim.IP].cells;
  assert.equal(cells.count.length, 2);
  assert.deepEqual(Array.from(cells.count), [1, 1]);
  assert.ok(cells.count.buffer.byteLength > cells.count.byteLength, "a view, not a copy");
  assert.throws(() => merger.absorb(build(rows)), /absorb\(\) after result\(\)/);
});
