/**
 * The timestamp cache must be invisible: for any sequence of timestamp texts
 * (repeats, near-repeats, invalid and over-long ones) it returns exactly what
 * parsing each one afresh returns. That includes timestamps of one minute
 * told apart by their seconds and fraction, which the cache computes from
 * the minute's value where the zone's offset is fixed or the text has its own.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parseTimestamp } from "../../lib/time/timestamp.ts";
import type { TimestampContext } from "../../lib/time/timestamp.ts";
import { TimestampCache } from "../../lib/time/timestamp_cache.ts";
import { createZone } from "../../lib/time/zone.ts";

const encoder = new TextEncoder();
const context = { zone: createZone("Europe/Berlin"), defaultYear: 2023 };

function parseAll(
  texts: string[],
  ctx: TimestampContext = context,
): { cached: number[]; fresh: number[] } {
  const cache = new TimestampCache(ctx);
  const cached: number[] = [];
  const fresh: number[] = [];
  for (const text of texts) {
    // Each text sits at a different offset of a larger buffer, as fields do.
    const bytes = encoder.encode(`xx,${text},yy`);
    const start = 3;
    const end = bytes.length - 3;
    cached.push(cache.parse(bytes, start, end));
    fresh.push(parseTimestamp(bytes, start, end, ctx));
  }
  return { cached, fresh };
}

Deno.test("repeats come from the cache and equal a fresh parse", () => {
  const { cached, fresh } = parseAll([
    "2024-01-15 10:00:00",
    "2024-01-15 10:00:00",
    "2024-01-15 10:00:01",
    "2024-01-15 10:00:01",
    "Jan 15 10:00:00",
    "not a time",
    "not a time",
    "2024-01-15 10:00:00",
  ]);
  assert.deepEqual(cached, fresh);
  assert.equal(cached[0], Date.UTC(2024, 0, 15, 9)); // Berlin is UTC+1 in January
  assert.equal(cached[2] - cached[0], 1000);
  assert.ok(Number.isNaN(cached[5]) && Number.isNaN(cached[6]));
});

Deno.test("texts longer than the cache keeps are parsed every time", () => {
  const long = `2024-01-15T10:00:00.123456789${" ".repeat(40)}+02:00`;
  const { cached, fresh } = parseAll([long, long, "2024-01-15T10:00:00+02:00", long]);
  assert.deepEqual(cached, fresh);
});

Deno.test("property: a cached parse equals a fresh parse for any sequence", () => {
  const pieces = fc.constantFrom(
    "2024-01-15 10:00:00",
    "2024-01-15 10:00:01",
    "2024-01-15T10:00:00Z",
    "2024-01-15T10:00:00.5+01:00",
    "15/Jan/2024:10:00:00 +0000",
    "1705312800",
    "1705312800000",
    "Jan 15 10:00:00",
    "2024/01/15 10:00:00",
    "2024-13-01 00:00:00",
    "",
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(pieces, pieces, fc.string({ maxLength: 30 })), { maxLength: 40 }),
      (
        texts,
      ) => {
        const { cached, fresh } = parseAll(texts);
        assert.deepEqual(cached, fresh);
      },
    ),
  );
});

Deno.test("property: timestamps of one minute, by seconds and fraction, equal a fresh parse", () => {
  // A few minutes (one across Berlin's spring-forward gap), seconds valid or not, fractions of
  // 0 to 10 digits (some not digits), with and without zone suffixes and trailing spaces.
  const minute = fc.constantFrom(
    "2024-01-15 10:00:",
    "2024-01-15T10:00:",
    "2024/01/15 10:01:",
    "2024-03-31 02:30:",
    "2024-02-30 10:00:",
  );
  const seconds = fc.oneof(
    fc.integer({ min: 0, max: 59 }).map((s) => String(s).padStart(2, "0")),
    fc.constantFrom("60", "99", "5x", " 7"),
  );
  const fraction = fc.oneof(
    fc.constant(""),
    fc.tuple(fc.constantFrom(".", ","), fc.stringMatching(/^[0-9]{1,10}$/)).map(([sep, d]) =>
      sep + d
    ),
    fc.constantFrom(".", ".12a", ",5"),
  );
  const suffix = fc.constantFrom("", "", "Z", "+02:00", " +0000", "-0530", " ", "Zx");
  const text = fc.tuple(minute, seconds, fraction, suffix).map((parts) => parts.join(""));
  for (const zone of ["UTC", "+05:30", "Europe/Berlin"]) {
    const ctx = { zone: createZone(zone), defaultYear: 2023 };
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60, size: "max" }), (texts) => {
        const { cached, fresh } = parseAll(texts, ctx);
        assert.deepEqual(cached, fresh);
      }),
      { numRuns: 300 },
    );
  }
});
