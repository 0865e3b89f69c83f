/**
 * Windowed rules and the alert lifecycle on hand-made minute series: window
 * sums, the spike baseline, pending → firing → repeat → resolved, per-service
 * groups, and stepping in pieces equal to stepping at once.
 */

import assert from "node:assert/strict";
import type { MinutesPartial } from "../../lib/aggregate/partial.ts";
import { stepLifecycle } from "../../lib/alerts/lifecycle.ts";
import type { AlertState, LifecycleSettings } from "../../lib/alerts/lifecycle.ts";
import { evaluateWindow, spikeBaseline } from "../../lib/alerts/rules.ts";
import { buildGroups } from "../../lib/alerts/window_series.ts";
import { Level } from "../../lib/model/level.ts";

const IS_ERROR = new Uint8Array([0, 0, 0, 1, 1, 0]);

/** Minute series from (minute, level, service, count) tuples. */
function series(cells: [number, number, number, number][]): MinutesPartial {
  return {
    minute: Int32Array.from(cells, (c) => c[0]),
    level: Uint8Array.from(cells, (c) => c[1]),
    service: Int32Array.from(cells, (c) => c[2]),
    count: Float64Array.from(cells, (c) => c[3]),
  };
}

const SETTINGS: LifecycleSettings = {
  window_minutes: 5,
  error_rate_threshold: 0.5,
  min_rows: 4,
  error_count_threshold: 100,
  critical_error_threshold: 100,
  spike_factor: 3,
  spike_windows: 2,
  spike_min_errors: 5,
  for_minutes: 2,
  repeat_minutes: 3,
};

Deno.test("window sums cover exactly the minutes (end − length, end]", () => {
  const [all] = buildGroups(
    series([[100, Level.INFO, 0, 2], [102, Level.ERROR, 0, 3], [104, Level.CRITICAL, 0, 1]]),
    ["api"],
    IS_ERROR,
    false,
  );
  assert.deepEqual(all.series.window(104, 5), { rows: 6, errors: 4, critical: 1 });
  assert.deepEqual(all.series.window(104, 2), { rows: 1, errors: 1, critical: 1 });
  assert.deepEqual(all.series.window(105, 5), { rows: 4, errors: 4, critical: 1 });
  assert.deepEqual(all.series.window(99, 5), { rows: 0, errors: 0, critical: 0 });
  assert.deepEqual(all.series.window(200, 5), { rows: 0, errors: 0, critical: 0 });
});

Deno.test("spike: the median of the previous windows, only once history reaches back", () => {
  // Errors per 5-minute window ending at 9, 14, 19: 2, 4, 20.
  const [all] = buildGroups(
    series([[5, Level.ERROR, 0, 2], [10, Level.ERROR, 0, 4], [15, Level.ERROR, 0, 20]]),
    [""],
    IS_ERROR,
    false,
  );
  assert.equal(spikeBaseline(all.series, 19, SETTINGS), 3); // median of 4 and 2
  assert.equal(spikeBaseline(all.series, 13, SETTINGS), null); // would need minute 4
  const spike = evaluateWindow(all.series, 19, SETTINGS).find((c) => c.type === "ERROR_SPIKE")!;
  assert.equal(spike.holds, true);
  assert.equal(spike.threshold, 9);
  const quiet = evaluateWindow(all.series, 14, SETTINGS).find((c) => c.type === "ERROR_SPIKE")!;
  assert.equal(quiet.holds, false); // 4 errors: below spike_min_errors
});

Deno.test("lifecycle: pending for for_minutes, fires, repeats, resolves once", () => {
  // Minutes 10..19 carry 1 error + 1 info each (rate 50%, not above); 20..29 carry 3 errors + 1 info.
  const cells: [number, number, number, number][] = [];
  for (let m = 10; m < 20; m++) cells.push([m, Level.ERROR, 0, 1], [m, Level.INFO, 0, 1]);
  for (let m = 20; m < 30; m++) cells.push([m, Level.ERROR, 0, 3], [m, Level.INFO, 0, 1]);
  for (let m = 30; m < 40; m++) cells.push([m, Level.INFO, 0, 2]);
  const groups = buildGroups(series(cells), ["api"], IS_ERROR, false);
  const settings = { ...SETTINGS, spike_min_errors: 1_000 };
  const states = new Map<string, AlertState>();
  const events = stepLifecycle(groups, states, 10, 39, settings);
  // The rate exceeds 50% from minute 20 (window 16..20: 7 errors / 11 rows = 64%).
  // Until 31 (window 27..31: 9 errors / 16 rows = 56%); at 32, window 28..32 holds 6 errors in
  // 14 rows = 42.86%. for_minutes 2: fires at minute 22; repeats at 25, 28, 31.
  assert.deepEqual(
    events.map((e) => [e.kind, e.type, (e.at / 60_000) - 1, e.startsAt / 60_000]),
    [
      ["firing", "HIGH_ERROR_RATE", 22, 20],
      ["repeat", "HIGH_ERROR_RATE", 25, 20],
      ["repeat", "HIGH_ERROR_RATE", 28, 20],
      ["repeat", "HIGH_ERROR_RATE", 31, 20],
      ["resolved", "HIGH_ERROR_RATE", 32, 20],
    ],
  );
  assert.match(events[4].message, /^resolved after 12 min; now error rate 42\.86%/);
  assert.equal(states.size, 0);
});

Deno.test("lifecycle: stepping in pieces equals stepping at once", () => {
  const cells: [number, number, number, number][] = [];
  for (let m = 0; m < 120; m++) {
    cells.push([m, (m * 7) % 11 < 4 ? Level.ERROR : Level.INFO, m % 3, 1 + (m % 5)]);
    if (m % 13 === 0) cells.push([m, Level.ERROR, (m + 1) % 3, 9]);
  }
  const groups = buildGroups(series(cells), ["a", "b", "c"], IS_ERROR, true);
  const once = stepLifecycle(groups, new Map(), 0, 119, SETTINGS);
  const states = new Map<string, AlertState>();
  const pieces = [
    ...stepLifecycle(groups, states, 0, 40, SETTINGS),
    ...stepLifecycle(groups, states, 41, 41, SETTINGS),
    ...stepLifecycle(groups, states, 42, 119, SETTINGS),
  ];
  assert.ok(once.length > 5, "the series produces events");
  assert.deepEqual(pieces, once);
});

Deno.test("group_by service: one alert per service, labelled", () => {
  const cells: [number, number, number, number][] = [];
  for (let m = 0; m < 10; m++) cells.push([m, Level.ERROR, 1, 5], [m, Level.INFO, 0, 5]);
  const groups = buildGroups(series(cells), ["web", "api"], IS_ERROR, true);
  assert.deepEqual(groups.map((g) => g.key), ["service=api", "service=web"]);
  const events = stepLifecycle(groups, new Map(), 0, 9, { ...SETTINGS, for_minutes: 0 });
  const firing = events.filter((e) => e.kind === "firing");
  assert.deepEqual(firing.map((e) => [e.type, e.group, e.labels]), [
    ["HIGH_ERROR_RATE", "service=api", { service: "api" }],
  ]);
});
