/**
 * Tests for lib/time/zone.ts: `createZone` for UTC aliases, fixed offsets and
 * IANA names (known offsets, both DST transition days in Europe/Berlin and
 * America/New_York, the per-hour cache), RangeError for unknown names, and a
 * property against an independent `Intl` wall-clock oracle.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { createZone, type Zone } from "../../lib/time/zone.ts";

/** `zone.toUtc` of a wall-clock time given as `Date.UTC` fields. */
function utcOf(
  zone: Zone,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  ms = 0,
): number {
  return zone.toUtc(Date.UTC(y, mo, d, h, mi, s, ms));
}

function iso(ms: number): string {
  return Number.isNaN(ms) ? "NaN" : new Date(ms).toISOString();
}

function assertInstant(got: number, want: number, what: string): void {
  assert.equal(got, want, `${what}: got ${iso(got)}, want ${iso(want)}`);
}

Deno.test("UTC and its aliases are the identity", () => {
  for (const name of ["UTC", "utc", "Z", "z", "GMT", "gmt", "Etc/UTC", "etc/utc", " UTC "]) {
    const zone = createZone(name);
    assert.equal(zone.name, name);
    for (const ms of [0, Date.UTC(2024, 0, 15, 12), Date.UTC(2024, 6, 1, 23, 59, 59, 999), -1]) {
      assert.equal(zone.toUtc(ms), ms, `${name} at ${ms}`);
    }
  }
});

Deno.test("fixed offsets with and without a colon", () => {
  const noon = Date.UTC(2024, 0, 15, 12);
  assertInstant(createZone("+05:30").toUtc(noon), Date.UTC(2024, 0, 15, 6, 30), "+05:30");
  assertInstant(createZone("+0530").toUtc(noon), Date.UTC(2024, 0, 15, 6, 30), "+0530");
  assertInstant(createZone("-0800").toUtc(noon), Date.UTC(2024, 0, 15, 20), "-0800");
  assertInstant(createZone("-08:00").toUtc(noon), Date.UTC(2024, 0, 15, 20), "-08:00");
  assertInstant(createZone("+00:00").toUtc(noon), noon, "+00:00");
  assertInstant(createZone("-00:30").toUtc(noon), Date.UTC(2024, 0, 15, 12, 30), "-00:30");
  assertInstant(createZone("+14:00").toUtc(noon), Date.UTC(2024, 0, 14, 22), "+14:00");
  assertInstant(createZone("+23:59").toUtc(noon), Date.UTC(2024, 0, 14, 12, 1), "+23:59");
  // A fixed offset has no DST: the same shift in July.
  const july = Date.UTC(2024, 6, 1, 12);
  assertInstant(createZone("-0800").toUtc(july), Date.UTC(2024, 6, 1, 20), "-0800 July");
  // Milliseconds are kept.
  assertInstant(createZone("+02:00").toUtc(noon + 123), Date.UTC(2024, 0, 15, 10, 0, 0, 123), "ms");
  assert.equal(createZone("+05:30").name, "+05:30");
});

Deno.test("out-of-range fixed offsets throw RangeError", () => {
  for (const name of ["+24:00", "-24:00", "+05:60", "+99:99", "+2400"]) {
    assert.throws(() => createZone(name), RangeError, name);
  }
});

Deno.test("unknown names throw RangeError naming the input", () => {
  for (
    const name of ["Mars/Olympus", "Not/AZone", "", "   ", "+5:30", "UTC+1", "Berlin", "+05:30:00"]
  ) {
    assert.throws(
      () => createZone(name),
      (error: unknown) => {
        assert.ok(error instanceof RangeError, `${JSON.stringify(name)}: ${error}`);
        assert.ok(error.message.includes(`"${name}"`), error.message);
        return true;
      },
    );
  }
});

Deno.test("IANA: Europe/Berlin winter (CET, +1) and summer (CEST, +2)", () => {
  const berlin = createZone("Europe/Berlin");
  assert.equal(berlin.name, "Europe/Berlin");
  assertInstant(utcOf(berlin, 2024, 6, 1, 12), Date.UTC(2024, 6, 1, 10), "2024-07-01 12:00");
  assertInstant(utcOf(berlin, 2024, 0, 15, 12), Date.UTC(2024, 0, 15, 11), "2024-01-15 12:00");
  assertInstant(utcOf(berlin, 2024, 0, 1, 0), Date.UTC(2023, 11, 31, 23), "2024-01-01 00:00");
  assertInstant(
    utcOf(berlin, 2024, 6, 1, 12, 34, 56, 789),
    Date.UTC(2024, 6, 1, 10, 34, 56, 789),
    "ms kept",
  );
});

Deno.test("IANA: America/New_York winter (EST, -5) and summer (EDT, -4)", () => {
  const ny = createZone("America/New_York");
  assertInstant(utcOf(ny, 2024, 0, 15, 12), Date.UTC(2024, 0, 15, 17), "2024-01-15 12:00");
  assertInstant(utcOf(ny, 2024, 6, 1, 12), Date.UTC(2024, 6, 1, 16), "2024-07-01 12:00");
  assertInstant(utcOf(ny, 2024, 11, 31, 23, 59, 59), Date.UTC(2025, 0, 1, 4, 59, 59), "NYE");
});

Deno.test("IANA: other zones (no DST, southern hemisphere, half hours)", () => {
  const kolkata = createZone("Asia/Kolkata"); // +05:30 all year
  assertInstant(utcOf(kolkata, 2024, 0, 15, 12), Date.UTC(2024, 0, 15, 6, 30), "Kolkata Jan");
  assertInstant(utcOf(kolkata, 2024, 6, 15, 12), Date.UTC(2024, 6, 15, 6, 30), "Kolkata Jul");
  const tokyo = createZone("Asia/Tokyo"); // +09:00
  assertInstant(utcOf(tokyo, 2024, 0, 1, 9), Date.UTC(2024, 0, 1, 0), "Tokyo");
  const sydney = createZone("Australia/Sydney"); // AEDT +11 in January, AEST +10 in July
  assertInstant(utcOf(sydney, 2024, 0, 15, 12), Date.UTC(2024, 0, 15, 1), "Sydney Jan");
  assertInstant(utcOf(sydney, 2024, 6, 15, 12), Date.UTC(2024, 6, 15, 2), "Sydney Jul");
  // IANA's Etc/GMT+5 is UTC-5 (POSIX sign convention).
  assertInstant(utcOf(createZone("Etc/GMT+5"), 2024, 0, 15, 12), Date.UTC(2024, 0, 15, 17), "Etc");
});

Deno.test("DST day, America/New_York 2024-03-10 (02:00 EST → 03:00 EDT at 07:00Z)", () => {
  const ny = createZone("America/New_York");
  const at = (h: number, mi = 0, s = 0) => utcOf(ny, 2024, 2, 10, h, mi, s);
  assertInstant(at(0), Date.UTC(2024, 2, 10, 5), "00:00 EST");
  assertInstant(at(1, 30), Date.UTC(2024, 2, 10, 6, 30), "01:30 EST");
  assertInstant(at(1, 59, 59), Date.UTC(2024, 2, 10, 6, 59, 59), "01:59:59 EST");
  assertInstant(at(3), Date.UTC(2024, 2, 10, 7), "03:00 EDT");
  assertInstant(at(3, 30), Date.UTC(2024, 2, 10, 7, 30), "03:30 EDT");
  assertInstant(at(12), Date.UTC(2024, 2, 10, 16), "12:00 EDT");
  assertInstant(at(23, 59), Date.UTC(2024, 2, 11, 3, 59), "23:59 EDT");
  // 02:30 does not exist; either offset is an acceptable reading.
  const gap = at(2, 30);
  assert.ok(
    gap === Date.UTC(2024, 2, 10, 6, 30) || gap === Date.UTC(2024, 2, 10, 7, 30),
    `02:30 (gap) → ${iso(gap)}`,
  );
});

Deno.test("DST day, America/New_York 2024-11-03 (02:00 EDT → 01:00 EST at 06:00Z)", () => {
  const ny = createZone("America/New_York");
  const at = (h: number, mi = 0) => utcOf(ny, 2024, 10, 3, h, mi);
  assertInstant(at(0), Date.UTC(2024, 10, 3, 4), "00:00 EDT");
  assertInstant(at(0, 59), Date.UTC(2024, 10, 3, 4, 59), "00:59 EDT");
  assertInstant(at(2), Date.UTC(2024, 10, 3, 7), "02:00 EST");
  assertInstant(at(3), Date.UTC(2024, 10, 3, 8), "03:00 EST");
  assertInstant(at(12), Date.UTC(2024, 10, 3, 17), "12:00 EST");
  // 01:30 happens twice; either instant is an acceptable reading.
  const twice = at(1, 30);
  assert.ok(
    twice === Date.UTC(2024, 10, 3, 5, 30) || twice === Date.UTC(2024, 10, 3, 6, 30),
    `01:30 (overlap) → ${iso(twice)}`,
  );
});

Deno.test("DST days, Europe/Berlin 2024-03-31 and 2024-10-27 (transitions at 01:00Z)", () => {
  const berlin = createZone("Europe/Berlin");
  const spring = (h: number, mi = 0) => utcOf(berlin, 2024, 2, 31, h, mi);
  assertInstant(spring(0), Date.UTC(2024, 2, 30, 23), "spring 00:00 CET");
  assertInstant(spring(1, 59), Date.UTC(2024, 2, 31, 0, 59), "spring 01:59 CET");
  assertInstant(spring(3), Date.UTC(2024, 2, 31, 1), "spring 03:00 CEST");
  assertInstant(spring(12), Date.UTC(2024, 2, 31, 10), "spring 12:00 CEST");
  const gap = spring(2, 30);
  assert.ok(
    gap === Date.UTC(2024, 2, 31, 0, 30) || gap === Date.UTC(2024, 2, 31, 1, 30),
    `spring 02:30 (gap) → ${iso(gap)}`,
  );
  const autumn = (h: number, mi = 0) => utcOf(berlin, 2024, 9, 27, h, mi);
  assertInstant(autumn(0), Date.UTC(2024, 9, 26, 22), "autumn 00:00 CEST");
  assertInstant(autumn(1, 59), Date.UTC(2024, 9, 26, 23, 59), "autumn 01:59 CEST");
  assertInstant(autumn(3), Date.UTC(2024, 9, 27, 2), "autumn 03:00 CET");
  assertInstant(autumn(12), Date.UTC(2024, 9, 27, 11), "autumn 12:00 CET");
  const twice = autumn(2, 30);
  assert.ok(
    twice === Date.UTC(2024, 9, 27, 0, 30) || twice === Date.UTC(2024, 9, 27, 1, 30),
    `autumn 02:30 (overlap) → ${iso(twice)}`,
  );
});

Deno.test("sub-hour transitions: Australia/Lord_Howe 30-minute DST (2024-10-06, 2024-04-07)", () => {
  // 02:00 LHST (+10:30) → 02:30 LHDT (+11) at 15:30Z on Oct 5; 02:00 LHDT → 01:30 LHST at
  // 15:00Z on Apr 6.
  const lordHowe = createZone("Australia/Lord_Howe");
  const oct = (h: number, mi: number) => utcOf(lordHowe, 2024, 9, 6, h, mi);
  assertInstant(oct(1, 59), Date.UTC(2024, 9, 5, 15, 29), "Oct 6 01:59 +10:30");
  assertInstant(oct(2, 30), Date.UTC(2024, 9, 5, 15, 30), "Oct 6 02:30 +11");
  assertInstant(oct(2, 45), Date.UTC(2024, 9, 5, 15, 45), "Oct 6 02:45 +11");
  assertInstant(oct(3, 15), Date.UTC(2024, 9, 5, 16, 15), "Oct 6 03:15 +11");
  const apr = (h: number, mi: number) => utcOf(lordHowe, 2024, 3, 7, h, mi);
  assertInstant(apr(1, 15), Date.UTC(2024, 3, 6, 14, 15), "Apr 7 01:15 +11");
  assertInstant(apr(2, 15), Date.UTC(2024, 3, 6, 15, 45), "Apr 7 02:15 +10:30");
  assertInstant(apr(2, 59), Date.UTC(2024, 3, 6, 16, 29), "Apr 7 02:59 +10:30");
  // Asked again (cached hour), and after a time in the gap warmed the same hour.
  assertInstant(oct(2, 45), Date.UTC(2024, 9, 5, 15, 45), "Oct 6 02:45 again");
  const fresh = createZone("Australia/Lord_Howe");
  fresh.toUtc(Date.UTC(2024, 9, 6, 2, 10)); // in the gap
  assertInstant(fresh.toUtc(Date.UTC(2024, 9, 6, 2, 45)), Date.UTC(2024, 9, 5, 15, 45), "warm");
});

Deno.test("around every 2024 transition, each unambiguous wall time maps back (Intl oracle)", () => {
  const HOUR = 3_600_000;
  const STEP = 5 * 60_000;
  const names = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/St_Johns"];
  for (const name of names) {
    const wall = makeWall(name);
    const offsetAt = (t: number) => wall(t) - t;
    // Find the transitions with an hourly scan, then check ±6 h around each every 5 minutes.
    const transitions: number[] = [];
    let before = offsetAt(Date.UTC(2024, 0, 1));
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += HOUR) {
      const after = offsetAt(t + HOUR);
      if (after !== before) transitions.push(t);
      before = after;
    }
    assert.equal(transitions.length, 2, `${name}: two DST transitions in 2024`);
    for (const transition of transitions) {
      const zone = createZone(name); // a fresh cache per window
      const window: [number, number][] = [];
      const count = new Map<number, number>();
      for (let t = transition - 6 * HOUR; t <= transition + 6 * HOUR; t += STEP) {
        const w = wall(t);
        window.push([t, w]);
        count.set(w, (count.get(w) ?? 0) + 1);
      }
      for (const [t, w] of window) {
        if (count.get(w)! > 1) continue; // the wall time occurs twice (overlap)
        assertInstant(zone.toUtc(w), t, `${name} wall ${iso(w)}`);
      }
    }
  }
});

Deno.test("the per-hour cache gives the same answers on repeated and interleaved calls", () => {
  const ny = createZone("America/New_York");
  const times = [
    Date.UTC(2024, 0, 15, 12, 5),
    Date.UTC(2024, 6, 1, 12, 5),
    Date.UTC(2024, 0, 15, 12, 55), // same local hour as the first
    Date.UTC(2024, 2, 10, 1, 30),
    Date.UTC(2024, 2, 10, 3, 30),
  ];
  const first = times.map((t) => ny.toUtc(t));
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(times.map((t) => ny.toUtc(t)), first);
    assert.deepEqual([...times].reverse().map((t) => ny.toUtc(t)), [...first].reverse());
  }
  assert.deepEqual(first, [
    Date.UTC(2024, 0, 15, 17, 5),
    Date.UTC(2024, 6, 1, 16, 5),
    Date.UTC(2024, 0, 15, 17, 55),
    Date.UTC(2024, 2, 10, 6, 30),
    Date.UTC(2024, 2, 10, 7, 30),
  ]);
  // Separate instances agree.
  assert.deepEqual(times.map((t) => createZone("America/New_York").toUtc(t)), first);
});

/** The wall clock of `utcMs` in `timeZone` as UTC-fields ms (an `Intl` oracle, built here). */
function makeWall(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (utcMs) => {
    const get = (type: string) =>
      Number(format.formatToParts(utcMs).find((p) => p.type === type)?.value);
    return Date.UTC(
      get("year"),
      get("month") - 1,
      get("day"),
      get("hour"),
      get("minute"),
      get("second"),
      ((utcMs % 1000) + 1000) % 1000,
    );
  };
}

Deno.test("property: toUtc inverts the Intl wall clock outside DST overlaps", () => {
  const names = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",
  ];
  const zones = new Map(names.map((name) => [name, createZone(name)]));
  const walls = new Map(names.map((name) => [name, makeWall(name)]));
  const HOUR = 3_600_000;
  fc.assert(
    fc.property(
      fc.constantFrom(...names),
      fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 11, 31) }),
      (name, utcMs) => {
        const wall = walls.get(name)!;
        const local = wall(utcMs);
        // A wall time that also occurs 30 or 60 minutes earlier or later is ambiguous: skip it.
        for (const delta of [-HOUR, -HOUR / 2, HOUR / 2, HOUR]) {
          fc.pre(wall(utcMs + delta) !== local);
        }
        assertInstant(zones.get(name)!.toUtc(local), utcMs, `${name} wall ${iso(local)}`);
      },
    ),
    { numRuns: 1500 },
  );
});

Deno.test("property: fixed offsets shift by exactly the offset", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("+", "-"),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.boolean(),
      fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 11, 31) }),
      (sign, hh, mm, colon, local) => {
        const name = `${sign}${String(hh).padStart(2, "0")}${colon ? ":" : ""}${
          String(mm).padStart(2, "0")
        }`;
        const offsetMs = (sign === "-" ? -1 : 1) * (hh * 60 + mm) * 60_000;
        assert.equal(createZone(name).toUtc(local), local - offsetMs, name);
      },
    ),
  );
});
