/**
 * Properties over random input, through the real partition scanner and the
 * chain that checks partition boundaries:
 *
 * - splitting a file at any offsets into partitions never changes the counts,
 *   the rejections or the aggregate, for well-formed CSV with quoted line
 *   breaks and for arbitrarily mutated bytes alike;
 * - random byte mutations never throw: every record is accepted or rejected.
 *
 * (The scanner against csv-parse on random well-formed CSV is in
 * tests/csv/record_scanner_test.ts; the indexed scanner against the byte
 * scanner in tests/csv/indexed_scanner_test.ts.)
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import type { ScanSettings } from "../../lib/engine/partition_scan.ts";
import { buildManifest } from "../../lib/input/manifest.ts";
import type { InputFile } from "../../lib/input/manifest.ts";
import { Level } from "../../lib/model/level.ts";
import { createZone } from "../../lib/time/zone.ts";
import { scanWithCuts } from "./partition_cuts.ts";

const settings: ScanSettings = {
  timezone: "UTC",
  maxRecordBytes: 200,
  errorLevels: [Level.ERROR, Level.CRITICAL],
  rules: [{ name: "Timeout", pattern: "timed out", flags: "i" }],
};
const time = { zone: createZone("UTC"), defaultYear: 2024 };
const dir = await Deno.makeTempDir({ prefix: "logpulse-property-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
let fileCount = 0;

async function inputFile(bytes: Uint8Array): Promise<InputFile | undefined> {
  const path = join(dir, `f${fileCount++}.csv`);
  await Deno.writeFile(path, bytes);
  const manifest = await buildManifest({ paths: [path], defaultYear: 2024, maxRecordBytes: 200 });
  return manifest.files[0]; // undefined when the header was refused
}

const encoder = new TextEncoder();
const HEADER = "timestamp,log_level,message,ip,service\n";

/** Rows whose messages hold commas, quotes, CR/LF and Unicode, quoted as RFC 4180 says. */
const rowsArb = fc.array(
  fc.tuple(
    fc.constantFrom("2024-01-15 10:00:00", "2024-01-15T11:30:00Z", "not-a-time", "Jan 15 12:00:00"),
    fc.constantFrom("INFO", "error", "CRITICAL", "warn", ""),
    fc.string({
      unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r\n", "é", "😀", "timed out"),
    }),
    fc.constantFrom("10.0.0.1", "10.0.0.2", ""),
    fc.constantFrom("api", "web", '"db"'),
  ),
  { maxLength: 25 },
);

function csvOf(rows: string[][], eol: string): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return HEADER + rows.map((row) => row.map(field).join(",")).join(eol) + eol;
}

const cutsArb = fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 6 });

Deno.test("property: any cuts give the same result on well-formed CSV", async () => {
  await fc.assert(
    fc.asyncProperty(rowsArb, fc.constantFrom("\n", "\r\n"), cutsArb, async (rows, eol, cuts) => {
      const file = (await inputFile(encoder.encode(csvOf(rows, eol))))!;
      const whole = await scanWithCuts(file, [], settings, time);
      assert.equal(whole.counts.records, rows.length);
      assert.deepEqual(await scanWithCuts(file, cuts, settings, time), whole);
    }),
    { numRuns: 400 },
  );
});

/** A mutation: overwrite, insert or delete at a position (taken modulo the length). */
const mutationArb = fc.tuple(
  fc.constantFrom("set", "insert", "delete"),
  fc.nat(),
  fc.oneof(
    fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0x1b),
    fc.integer({ min: 0, max: 255 }),
  ),
);

function mutate(bytes: Uint8Array, mutations: [string, number, number][]): Uint8Array {
  let out = Array.from(bytes);
  // Keep the header intact so the file is scanned rather than refused.
  const keep = encoder.encode(HEADER).length;
  for (const [op, at, byte] of mutations) {
    const pos = keep + (at % Math.max(1, out.length - keep + 1));
    if (op === "set" && pos < out.length) out[pos] = byte;
    else if (op === "insert") out = [...out.slice(0, pos), byte, ...out.slice(pos)];
    else if (op === "delete" && pos < out.length) out.splice(pos, 1);
  }
  return new Uint8Array(out);
}

Deno.test("property: random byte mutations never throw, balance, and split anywhere", async () => {
  await fc.assert(
    fc.asyncProperty(
      rowsArb,
      fc.array(mutationArb, { minLength: 1, maxLength: 30 }),
      cutsArb,
      async (rows, mutations, cuts) => {
        const file = (await inputFile(mutate(encoder.encode(csvOf(rows, "\n")), mutations)))!;
        const whole = await scanWithCuts(file, [], settings, time);
        assert.deepEqual(await scanWithCuts(file, cuts, settings, time), whole);
      },
    ),
    { numRuns: 400 },
  );
});
