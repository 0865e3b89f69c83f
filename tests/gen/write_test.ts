/**
 * The generator: deterministic per seed (byte-identical files), the row count
 * asked for (counted by csv-parse), time-ordered plain rows, and the mixed
 * mode's several timestamp formats and mixed-case levels.
 */

import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { GEN_HEADER, generateCsv } from "../../lib/gen/write.ts";
import type { GenOptions } from "../../lib/gen/write.ts";

const base: GenOptions = {
  rows: 500,
  seed: 3,
  mixed: false,
  startMs: Date.UTC(2024, 0, 15),
  days: 1,
};
const text = (options: GenOptions) => [...generateCsv(options, 64)].join("");

Deno.test("the same seed gives the same bytes; another seed does not", () => {
  assert.equal(text(base), text(base));
  assert.notEqual(text(base), text({ ...base, seed: 4 }));
  // Chunking is an implementation detail: it must not change the output.
  assert.equal([...generateCsv(base, 7)].join(""), text(base));
});

Deno.test("plain: the header, the row count, time order, six fields", () => {
  const rows = parse(text(base), { relax_column_count: true }) as string[][];
  assert.equal(rows[0].join(","), GEN_HEADER);
  assert.equal(rows.length - 1, 500);
  assert.ok(rows.slice(1).every((row) => row.length === 6));
  const times = rows.slice(1).map((row) => Date.parse(row[0].replace(" ", "T") + "Z"));
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), "time-ordered");
  assert.ok(times[0] >= base.startMs && times[times.length - 1] < base.startMs + 86_400_000);
});

Deno.test("mixed: several timestamp formats and mixed-case levels", () => {
  const rows =
    (parse(text({ ...base, rows: 2000, mixed: true }), { relax_column_count: true }) as string[][])
      .slice(1);
  assert.equal(rows.length, 2000);
  const shapes = new Set(
    rows.map((row) => row[0].replace(/[0-9]/g, "9").replace(/[A-Za-z]{3}/g, "Mon")),
  );
  assert.ok(shapes.size >= 5, `only ${shapes.size} timestamp shapes`);
  assert.ok(
    rows.some((row) => /^[a-z]+$/.test(row[1])) && rows.some((row) => /^[A-Z]+$/.test(row[1])),
  );
});
