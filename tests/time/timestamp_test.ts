/**
 * Tests for lib/time/timestamp.ts: every supported timestamp format parsed to
 * UTC ms (expectations from `Date.UTC`), calendar validation and rejection of
 * malformed input (NaN), byte ranges, zones for naive times, the UTC
 * formatters, and format → parse round trips over random instants.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  formatIsoUtc,
  formatSpaceUtc,
  parseTimestamp,
  parseTimestampText,
  type TimestampContext,
} from "../../lib/time/timestamp.ts";
import { createZone } from "../../lib/time/zone.ts";

const UTC: TimestampContext = { zone: createZone("UTC"), defaultYear: 2024 };
const encoder = new TextEncoder();

function parse(text: string, ctx: TimestampContext = UTC): number {
  return parseTimestampText(text, ctx);
}

/** Asserts `text` parses to `expected` ms, with a readable message on failure. */
function assertParses(text: string, expected: number, ctx: TimestampContext = UTC): void {
  const got = parse(text, ctx);
  assert.equal(
    got,
    expected,
    `${JSON.stringify(text)}: got ${Number.isNaN(got) ? "NaN" : new Date(got).toISOString()}, ` +
      `want ${new Date(expected).toISOString()}`,
  );
}

function assertNaN(text: string, ctx: TimestampContext = UTC): void {
  const got = parse(text, ctx);
  assert.ok(Number.isNaN(got), `${JSON.stringify(text)} should be NaN, got ${got}`);
}

// ---------------------------------------------------------------- formats

Deno.test("ISO-like with a space: YYYY-MM-DD HH:MM:SS[.fff]", () => {
  assertParses("2024-01-15 10:00:00", Date.UTC(2024, 0, 15, 10, 0, 0));
  assertParses("2024-01-15 10:20:30.123", Date.UTC(2024, 0, 15, 10, 20, 30, 123));
  assertParses("1999-12-31 23:59:59", Date.UTC(1999, 11, 31, 23, 59, 59));
  assertParses("2000-01-01 00:00:00", Date.UTC(2000, 0, 1));
  assertParses("1970-01-01 00:00:00", 0);
});

Deno.test("fractions: 1-9 digits, milliseconds truncated not rounded", () => {
  const base = Date.UTC(2024, 5, 1, 8, 30, 15);
  assertParses("2024-06-01 08:30:15.5", base + 500);
  assertParses("2024-06-01 08:30:15.05", base + 50);
  assertParses("2024-06-01 08:30:15.007", base + 7);
  assertParses("2024-06-01 08:30:15.123456", base + 123);
  assertParses("2024-06-01 08:30:15.999999999", base + 999);
  assertParses("2024-06-01 08:30:15.000", base);
  assertNaN("2024-06-01 08:30:15.1234567890"); // 10 digits
  assertNaN("2024-06-01 08:30:15."); // no digits
  assertNaN("2024-06-01 08:30:15,"); // no digits
});

Deno.test("ISO 8601 with T: no zone, Z, ±HH:MM", () => {
  assertParses("2024-01-15T10:00:00", Date.UTC(2024, 0, 15, 10));
  assertParses("2024-01-15T10:00:00Z", Date.UTC(2024, 0, 15, 10));
  assertParses("2024-01-15T10:00:00.250Z", Date.UTC(2024, 0, 15, 10, 0, 0, 250));
  // +05:30 is ahead of UTC: 10:00 local is 04:30Z.
  assertParses("2024-01-15T10:00:00+05:30", Date.UTC(2024, 0, 15, 4, 30));
  assertParses("2024-01-15T10:00:00.5+05:30", Date.UTC(2024, 0, 15, 4, 30, 0, 500));
  // -08:00 is behind: 20:00 local is 04:00Z the next day.
  assertParses("2024-01-15T20:00:00-08:00", Date.UTC(2024, 0, 16, 4));
  assertParses("2024-01-15T10:00:00+00:00", Date.UTC(2024, 0, 15, 10));
  assertParses("2024-01-15T10:00:00-00:00", Date.UTC(2024, 0, 15, 10));
  // Crossing a year boundary through the offset.
  assertParses("2024-01-01T00:30:00+01:00", Date.UTC(2023, 11, 31, 23, 30));
});

Deno.test("an explicit zone wins over the context's zone", () => {
  const berlin: TimestampContext = { zone: createZone("Europe/Berlin"), defaultYear: 2024 };
  assertParses("2024-07-01T12:00:00Z", Date.UTC(2024, 6, 1, 12), berlin);
  assertParses("2024-07-01T12:00:00-04:00", Date.UTC(2024, 6, 1, 16), berlin);
  assertParses("01/Jul/2024:12:00:00 +0000", Date.UTC(2024, 6, 1, 12), berlin);
});

Deno.test("log4j: YYYY-MM-DD HH:MM:SS,fff", () => {
  assertParses("2024-01-15 10:00:00,123", Date.UTC(2024, 0, 15, 10, 0, 0, 123));
  assertParses("2023-11-05 23:59:59,999", Date.UTC(2023, 10, 5, 23, 59, 59, 999));
  assertParses("2023-11-05 00:00:00,000", Date.UTC(2023, 10, 5));
});

Deno.test("Apache: DD/Mon/YYYY:HH:MM:SS ±HHMM", () => {
  // The example from the Apache common log format documentation.
  assertParses("10/Oct/2000:13:55:36 -0700", Date.UTC(2000, 9, 10, 20, 55, 36));
  assertParses("15/Jan/2024:10:00:00 +0000", Date.UTC(2024, 0, 15, 10));
  assertParses("15/Jan/2024:10:00:00 +0530", Date.UTC(2024, 0, 15, 4, 30));
  assertParses("01/Mar/2024:00:15:00 +0100", Date.UTC(2024, 1, 29, 23, 15)); // back into Feb 29
  assertParses("31/Dec/2023:23:00:00 -0200", Date.UTC(2024, 0, 1, 1));
  // Every month abbreviation.
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  months.forEach((mon, i) => {
    assertParses(`07/${mon}/2022:06:05:04 +0000`, Date.UTC(2022, i, 7, 6, 5, 4));
  });
  // Month names are case-insensitive.
  assertParses("15/JAN/2024:10:00:00 +0000", Date.UTC(2024, 0, 15, 10));
  assertParses("15/jan/2024:10:00:00 +0000", Date.UTC(2024, 0, 15, 10));
  // Without the zone the time is naive (context zone).
  assertParses("15/Jan/2024:10:00:00", Date.UTC(2024, 0, 15, 10));
  const plus2: TimestampContext = { zone: createZone("+02:00"), defaultYear: 2024 };
  assertParses("15/Jan/2024:10:00:00", Date.UTC(2024, 0, 15, 8), plus2);
});

Deno.test("epoch seconds (10 digits) and milliseconds (13 digits)", () => {
  // 2024-01-15T10:00:00Z = 1705312800 s.
  assertParses("1705312800", Date.UTC(2024, 0, 15, 10));
  assertParses("1705312800123", Date.UTC(2024, 0, 15, 10, 0, 0, 123));
  assertParses("1000000000", Date.UTC(2001, 8, 9, 1, 46, 40)); // the first 10-digit second
  assertParses("1000000000000", Date.UTC(2001, 8, 9, 1, 46, 40));
  assertParses("9999999999", Date.UTC(2286, 10, 20, 17, 46, 39));
  // Epoch values are absolute: the context zone does not apply.
  const ny: TimestampContext = { zone: createZone("America/New_York"), defaultYear: 2024 };
  assertParses("1705312800", Date.UTC(2024, 0, 15, 10), ny);
  assertParses("1705312800000", Date.UTC(2024, 0, 15, 10), ny);
});

Deno.test("epoch: only exactly 10 or 13 digits", () => {
  assertNaN("170531280"); // 9 digits (a 1975 instant: not accepted by design)
  assertNaN("17053128001"); // 11
  assertNaN("170531280012"); // 12
  assertNaN("17053128001234"); // 14
  assertNaN("1705312800x");
  assertNaN("17053l2800"); // a letter l
  assertNaN("-705312800");
  assertNaN("+705312800");
  assertNaN("1705312800.5");
});

Deno.test("slashes: YYYY/MM/DD HH:MM:SS", () => {
  assertParses("2024/01/15 10:00:00", Date.UTC(2024, 0, 15, 10));
  assertParses("2019/12/31 23:59:59", Date.UTC(2019, 11, 31, 23, 59, 59));
  assertNaN("2024/01-15 10:00:00"); // mixed separators
  assertNaN("2024-01/15 10:00:00");
});

Deno.test("syslog: Mon DD HH:MM:SS and Mon  D HH:MM:SS, year from the context", () => {
  assertParses("Jan 15 10:00:00", Date.UTC(2024, 0, 15, 10));
  assertParses("Jan  5 10:00:00", Date.UTC(2024, 0, 5, 10));
  assertParses("Jan 05 10:00:00", Date.UTC(2024, 0, 5, 10));
  assertParses("Dec 31 23:59:59", Date.UTC(2024, 11, 31, 23, 59, 59));
  assertParses("Feb 29 12:00:00", Date.UTC(2024, 1, 29, 12)); // 2024 is a leap year
  assertParses("oct  9 01:02:03", Date.UTC(2024, 9, 9, 1, 2, 3));
  const y2019: TimestampContext = { zone: createZone("UTC"), defaultYear: 2019 };
  assertParses("Jul  4 18:30:00", Date.UTC(2019, 6, 4, 18, 30), y2019);
  const y2023: TimestampContext = { zone: createZone("UTC"), defaultYear: 2023 };
  assertNaN("Feb 29 12:00:00", y2023); // not a leap year
  assertNaN("Jan 32 10:00:00");
  assertNaN("Jan  0 10:00:00");
  assertNaN("Foo 15 10:00:00");
  assertNaN("Jan 15 10:00"); // no seconds
  assertNaN("Jan 5 10:00:00"); // single space, single digit
  assertNaN("Jan 15 10:00:00 2024"); // trailing year
});

Deno.test("naive times are local to the context zone", () => {
  const berlin: TimestampContext = { zone: createZone("Europe/Berlin"), defaultYear: 2024 };
  assertParses("2024-07-01 12:00:00", Date.UTC(2024, 6, 1, 10), berlin); // CEST, UTC+2
  assertParses("2024-01-15 12:00:00", Date.UTC(2024, 0, 15, 11), berlin); // CET, UTC+1
  assertParses("2024-07-01T12:00:00.250", Date.UTC(2024, 6, 1, 10, 0, 0, 250), berlin);
  assertParses("2024/07/01 12:00:00", Date.UTC(2024, 6, 1, 10), berlin);
  const ny: TimestampContext = { zone: createZone("America/New_York"), defaultYear: 2024 };
  assertParses("2024-01-15 12:00:00", Date.UTC(2024, 0, 15, 17), ny); // EST, UTC-5
  assertParses("Jul  4 12:00:00", Date.UTC(2024, 6, 4, 16), ny); // EDT, UTC-4
  const kolkata: TimestampContext = { zone: createZone("+05:30"), defaultYear: 2024 };
  assertParses("2024-01-15 10:00:00,500", Date.UTC(2024, 0, 15, 4, 30, 0, 500), kolkata);
  const pst: TimestampContext = { zone: createZone("-0800"), defaultYear: 2024 };
  assertParses("2024-01-15 20:00:00", Date.UTC(2024, 0, 16, 4), pst);
});

// ---------------------------------------------------------------- validation

Deno.test("calendar validation: leap years, month lengths", () => {
  assertParses("2024-02-29 00:00:00", Date.UTC(2024, 1, 29));
  assertParses("2000-02-29 00:00:00", Date.UTC(2000, 1, 29)); // divisible by 400
  assertNaN("2023-02-29 00:00:00");
  assertNaN("1900-02-29 00:00:00"); // divisible by 100, not 400
  assertNaN("2100-02-29 00:00:00");
  assertNaN("2024-02-30 00:00:00");
  assertNaN("2024-04-31 00:00:00");
  assertNaN("2024-06-31 00:00:00");
  assertNaN("2024-09-31 00:00:00");
  assertNaN("2024-11-31 00:00:00");
  assertParses("2024-01-31 00:00:00", Date.UTC(2024, 0, 31));
  assertParses("2024-12-31 00:00:00", Date.UTC(2024, 11, 31));
  assertNaN("2024-00-10 00:00:00");
  assertNaN("2024-13-10 00:00:00");
  assertNaN("2024-01-00 00:00:00");
  assertNaN("2024-01-32 00:00:00");
  assertNaN("31/Apr/2024:10:00:00 +0000");
  assertNaN("29/Feb/2023:10:00:00 +0000");
});

Deno.test("clock validation: hour 24, minute 60, second 60", () => {
  assertParses("2024-01-15 23:59:59", Date.UTC(2024, 0, 15, 23, 59, 59));
  assertNaN("2024-01-15 24:00:00");
  assertNaN("2024-01-15 10:60:00");
  assertNaN("2024-01-15 10:00:60");
  assertNaN("2024-01-15T24:00:00Z");
  assertNaN("15/Jan/2024:24:00:00 +0000");
  assertNaN("Jan 15 24:00:00");
});

Deno.test("bad zone suffixes are NaN", () => {
  assertNaN("2024-01-15T10:00:00+24:00");
  assertNaN("2024-01-15T10:00:00+05:60");
  assertNaN("2024-01-15T10:00:00+5:30");
  assertNaN("2024-01-15T10:00:00+05:3");
  assertNaN("2024-01-15T10:00:00+05:300");
  assertNaN("2024-01-15T10:00:00ZZ");
  assertNaN("2024-01-15T10:00:00 UTC");
  assertNaN("15/Jan/2024:10:00:00 0000");
  assertNaN("15/Jan/2024:10:00:00 +00x0");
});

Deno.test("garbage, empty and truncated input are NaN", () => {
  for (
    const text of [
      "",
      " ",
      "          ",
      "bad",
      "not a timestamp at all",
      "2024-01-15",
      "2024-01-15 10:00",
      "2024-01-15 10:00:0",
      "2024-1-15 10:00:00",
      "2024-01-15  10:00:00",
      "2024-01-15_10:00:00",
      "2024-01-15 10.00.00",
      "24-01-15 10:00:00",
      "2024-01-15 10:00:00x",
      "2024-01-15 10:00:00.123abc",
      "2024-01-15T10:00:00Z trailing",
      "15/Jan/2024:10:00:00 +0000 x",
      "15/Foo/2024:10:00:00 +0000",
      "15-Jan-2024:10:00:00 +0000",
      "1705312800 1705312800",
      "abcd-ef-gh ij:kl:mn",
      "\u00e92024-01-15 10:00:00",
    ]
  ) assertNaN(text);
});

Deno.test("surrounding spaces are ignored", () => {
  assertParses("  2024-01-15 10:00:00  ", Date.UTC(2024, 0, 15, 10));
  assertParses(" 1705312800 ", Date.UTC(2024, 0, 15, 10));
  assertParses("   Jan  5 10:00:00", Date.UTC(2024, 0, 5, 10));
  assertParses("15/Jan/2024:10:00:00 +0000   ", Date.UTC(2024, 0, 15, 10));
});

// ---------------------------------------------------------------- byte ranges

Deno.test("parseTimestamp reads only buf[start, end)", () => {
  const buf = encoder.encode("ts=2024-01-15 10:00:00.123;level=INFO");
  const start = 3;
  const end = start + "2024-01-15 10:00:00.123".length;
  assert.equal(parseTimestamp(buf, start, end, UTC), Date.UTC(2024, 0, 15, 10, 0, 0, 123));
  // Ending before the fraction: seconds only, the bytes after end are not read.
  assert.equal(parseTimestamp(buf, start, start + 19, UTC), Date.UTC(2024, 0, 15, 10));
  // A range one byte short is truncated input.
  assert.ok(Number.isNaN(parseTimestamp(buf, start, start + 18, UTC)));
  // Including the ';' is trailing garbage.
  assert.ok(Number.isNaN(parseTimestamp(buf, start, end + 1, UTC)));
  // An empty range.
  assert.ok(Number.isNaN(parseTimestamp(buf, 5, 5, UTC)));
});

Deno.test("parseTimestamp: epoch digits next to more digits", () => {
  const buf = encoder.encode("17053128001234567");
  assert.equal(parseTimestamp(buf, 0, 10, UTC), 1_705_312_800_000);
  assert.equal(parseTimestamp(buf, 0, 13, UTC), 1_705_312_800_123);
  assert.ok(Number.isNaN(parseTimestamp(buf, 0, 11, UTC)));
});

Deno.test("parseTimestamp: spaces inside the range are trimmed", () => {
  const buf = encoder.encode("x   Jan 15 10:00:00   y");
  assert.equal(parseTimestamp(buf, 1, buf.length - 1, UTC), Date.UTC(2024, 0, 15, 10));
});

Deno.test("parseTimestampText handles non-ASCII text without throwing", () => {
  assertNaN("2024-01-15 10:00:00\u00a0"); // a no-break space is not a space
  assertNaN("\u{1F600}\u{1F600}\u{1F600}\u{1F600}");
});

// ---------------------------------------------------------------- formatting

Deno.test("formatIsoUtc and formatSpaceUtc", () => {
  assert.equal(formatIsoUtc(Date.UTC(2024, 0, 15, 10)), "2024-01-15T10:00:00Z");
  assert.equal(formatSpaceUtc(Date.UTC(2024, 0, 15, 10)), "2024-01-15 10:00:00");
  assert.equal(formatIsoUtc(0), "1970-01-01T00:00:00Z");
  assert.equal(formatSpaceUtc(0), "1970-01-01 00:00:00");
  // Seconds precision: milliseconds are dropped, never rounded up.
  assert.equal(formatIsoUtc(Date.UTC(2023, 11, 31, 23, 59, 59, 999)), "2023-12-31T23:59:59Z");
  assert.equal(formatSpaceUtc(Date.UTC(2023, 11, 31, 23, 59, 59, 999)), "2023-12-31 23:59:59");
  assert.equal(formatIsoUtc(Date.UTC(2024, 1, 29, 1, 2, 3)), "2024-02-29T01:02:03Z");
  assert.equal(formatIsoUtc(Date.UTC(2100, 11, 31, 23, 59, 59)), "2100-12-31T23:59:59Z");
  // Four-digit years are zero padded.
  assert.equal(formatIsoUtc(Date.UTC(999, 0, 1)), "0999-01-01T00:00:00Z");
});

Deno.test("format then parse is the identity at seconds precision", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
      const seconds = Math.floor(ms / 1000) * 1000;
      assert.equal(parse(formatIsoUtc(ms)), seconds);
      assert.equal(parse(formatSpaceUtc(ms)), seconds);
    }),
  );
});

// ---------------------------------------------------------------- round trips

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

function p2(n: number): string {
  return String(n).padStart(2, "0");
}

function p3(n: number): string {
  return String(n).padStart(3, "0");
}

/** Wall-clock fields of `ms` shifted by `offsetMinutes`, read with Date's UTC getters. */
function wall(ms: number, offsetMinutes = 0) {
  const d = new Date(ms + offsetMinutes * 60_000);
  return {
    Y: String(d.getUTCFullYear()),
    M: p2(d.getUTCMonth() + 1),
    Mon: MONTH_NAMES[d.getUTCMonth()],
    D: p2(d.getUTCDate()),
    day: d.getUTCDate(),
    h: p2(d.getUTCHours()),
    m: p2(d.getUTCMinutes()),
    s: p2(d.getUTCSeconds()),
    f: p3(d.getUTCMilliseconds()),
    year: d.getUTCFullYear(),
  };
}

/** `+HH:MM` / `+HHMM` of an offset in minutes. */
function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${p2(Math.floor(abs / 60))}${colon ? ":" : ""}${p2(abs % 60)}`;
}

const instant = fc.integer({
  min: Date.UTC(1971, 0, 1),
  max: Date.UTC(2100, 11, 31, 23, 59, 59, 999),
});
/** Real-world offsets: -12:00..+14:00 in quarter hours. */
const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

function secondsOf(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

Deno.test("property: every format round-trips random instants 1971..2100 (UTC context)", () => {
  fc.assert(
    fc.property(instant, offset, (ms, off) => {
      const w = wall(ms);
      const o = wall(ms, off);
      const cases: [string, number, TimestampContext][] = [
        [`${w.Y}-${w.M}-${w.D} ${w.h}:${w.m}:${w.s}`, secondsOf(ms), UTC],
        [`${w.Y}-${w.M}-${w.D} ${w.h}:${w.m}:${w.s}.${w.f}`, ms, UTC],
        [`${w.Y}-${w.M}-${w.D}T${w.h}:${w.m}:${w.s}`, secondsOf(ms), UTC],
        [`${w.Y}-${w.M}-${w.D}T${w.h}:${w.m}:${w.s}.${w.f}Z`, ms, UTC],
        [`${o.Y}-${o.M}-${o.D}T${o.h}:${o.m}:${o.s}.${o.f}${offsetText(off, true)}`, ms, UTC],
        [`${o.Y}-${o.M}-${o.D}T${o.h}:${o.m}:${o.s}${offsetText(off, true)}`, secondsOf(ms), UTC],
        [`${w.Y}-${w.M}-${w.D} ${w.h}:${w.m}:${w.s},${w.f}`, ms, UTC],
        [
          `${o.D}/${o.Mon}/${o.Y}:${o.h}:${o.m}:${o.s} ${offsetText(off, false)}`,
          secondsOf(ms),
          UTC,
        ],
        [`${w.Y}/${w.M}/${w.D} ${w.h}:${w.m}:${w.s}`, secondsOf(ms), UTC],
        [
          `${w.Mon} ${String(w.day).padStart(2, " ")} ${w.h}:${w.m}:${w.s}`,
          secondsOf(ms),
          { zone: UTC.zone, defaultYear: w.year },
        ],
      ];
      for (const [text, expected, ctx] of cases) {
        assert.equal(parse(text, ctx), expected, text);
      }
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: epoch seconds and ms round-trip (10/13-digit range, 2001-09-09..2100)", () => {
  // Before 2001-09-09T01:46:40Z epoch seconds have 9 digits, which is not a supported format.
  const epochInstant = fc.integer({
    min: 1_000_000_000_000,
    max: Date.UTC(2100, 11, 31, 23, 59, 59, 999),
  });
  fc.assert(
    fc.property(epochInstant, (ms) => {
      assert.equal(parse(String(Math.floor(ms / 1000))), secondsOf(ms));
      assert.equal(parse(String(ms)), ms);
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: naive formats are read in a fixed-offset context zone", () => {
  fc.assert(
    fc.property(instant, offset, fc.boolean(), (ms, off, colon) => {
      const ctx: TimestampContext = {
        zone: createZone(offsetText(off, colon)), // "+05:30" or "+0530"
        defaultYear: wall(ms, off).year,
      };
      const o = wall(ms, off); // the wall clock in that zone
      assert.equal(parse(`${o.Y}-${o.M}-${o.D} ${o.h}:${o.m}:${o.s}.${o.f}`, ctx), ms);
      assert.equal(parse(`${o.Y}-${o.M}-${o.D}T${o.h}:${o.m}:${o.s}`, ctx), secondsOf(ms));
      assert.equal(parse(`${o.Y}/${o.M}/${o.D} ${o.h}:${o.m}:${o.s}`, ctx), secondsOf(ms));
      assert.equal(parse(`${o.D}/${o.Mon}/${o.Y}:${o.h}:${o.m}:${o.s}`, ctx), secondsOf(ms));
      const day = String(o.day).padStart(2, " ");
      assert.equal(parse(`${o.Mon} ${day} ${o.h}:${o.m}:${o.s}`, ctx), secondsOf(ms));
      // An explicit Z still means UTC.
      const w = wall(ms);
      assert.equal(parse(`${w.Y}-${w.M}-${w.D}T${w.h}:${w.m}:${w.s}.${w.f}Z`, ctx), ms);
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: arbitrary text never throws; result is NaN or an integer", () => {
  const alphabet = fc.constantFrom(..."0123456789-/:.,TZ +Jan".split(""));
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.string({ unit: "binary" }),
        fc.string({ unit: alphabet, maxLength: 30 }),
      ),
      (text) => {
        const got = parse(text);
        assert.ok(Number.isNaN(got) || Number.isInteger(got), `${JSON.stringify(text)} → ${got}`);
      },
    ),
    { numRuns: 2000 },
  );
});
