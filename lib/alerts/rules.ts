/**
 * Alert rules over a sliding window of minutes: each says whether its
 * condition holds for one group's window ending at a given minute.
 *
 * @module
 */

import type { GroupSeries } from "./window_series.ts";

/** The rule settings (the `alerts` config section's rule keys). */
export interface AlertRules {
  window_minutes: number;
  error_rate_threshold: number;
  /** Rows a window needs before its error rate means anything. */
  min_rows: number;
  error_count_threshold: number;
  critical_error_threshold: number;
  spike_factor: number;
  spike_windows: number;
  spike_min_errors: number;
}

/** Alert types, in evaluation order. */
export const ALERT_TYPES = [
  "HIGH_ERROR_RATE",
  "HIGH_ERROR_COUNT",
  "CRITICAL_ERRORS",
  "ERROR_SPIKE",
] as const;

/** An alert type. */
export type AlertType = typeof ALERT_TYPES[number];

/** Severity by alert type. */
export const SEVERITY: Record<AlertType, "HIGH" | "MEDIUM" | "CRITICAL"> = {
  HIGH_ERROR_RATE: "HIGH",
  HIGH_ERROR_COUNT: "MEDIUM",
  CRITICAL_ERRORS: "CRITICAL",
  ERROR_SPIKE: "HIGH",
};

/** A rule's verdict on one window. */
export interface Condition {
  type: AlertType;
  holds: boolean;
  value: number;
  threshold: number;
  /** What was measured, for people (true whether or not the condition holds). */
  measure: string;
  /** Why the condition holds (meaningful when it does). */
  message: string;
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/**
 * Evaluates every rule on the window of `rules.window_minutes` ending with
 * `minute` (inclusive). Each holds strictly above its threshold.
 *
 * @example
 * ```ts
 * import { evaluateWindow } from "./rules.ts";
 * // const conditions = evaluateWindow(group.series, minute, rules);
 * ```
 */
export function evaluateWindow(
  series: GroupSeries,
  minute: number,
  rules: AlertRules,
): Condition[] {
  const w = rules.window_minutes;
  const { rows, errors, critical } = series.window(minute, w);
  const rate = rows === 0 ? 0 : errors / rows;
  const within = `in the last ${w} min`;
  const rateMeasure = `error rate ${percent(rate)} ${within} (${errors} errors in ${rows} rows)`;
  const countMeasure = `${errors} errors ${within}`;
  const criticalMeasure = `${critical} critical errors ${within}`;
  const baseline = spikeBaseline(series, minute, rules);
  // With no history yet the spike rule cannot hold; 0 keeps the stored threshold a number.
  const spikeThreshold = baseline === null ? 0 : rules.spike_factor * baseline;
  const spikeMeasure = `${countMeasure}; median of the previous ${rules.spike_windows} windows ${
    baseline ?? "n/a"
  }`;
  return [
    {
      type: "HIGH_ERROR_RATE",
      holds: rows >= rules.min_rows && rate > rules.error_rate_threshold,
      value: rate,
      threshold: rules.error_rate_threshold,
      measure: rateMeasure,
      message: `${rateMeasure} exceeds ${percent(rules.error_rate_threshold)}`,
    },
    {
      type: "HIGH_ERROR_COUNT",
      holds: errors > rules.error_count_threshold,
      value: errors,
      threshold: rules.error_count_threshold,
      measure: countMeasure,
      message: `${countMeasure} exceed the threshold of ${rules.error_count_threshold}`,
    },
    {
      type: "CRITICAL_ERRORS",
      holds: critical > rules.critical_error_threshold,
      value: critical,
      threshold: rules.critical_error_threshold,
      measure: criticalMeasure,
      message: `${criticalMeasure} exceed the threshold of ${rules.critical_error_threshold}`,
    },
    {
      type: "ERROR_SPIKE",
      holds: baseline !== null && errors >= rules.spike_min_errors && errors > spikeThreshold,
      value: errors,
      threshold: spikeThreshold,
      measure: spikeMeasure,
      message: `${spikeMeasure}: more than ${rules.spike_factor}× that`,
    },
  ];
}

/**
 * The median error count of the `spike_windows` windows before the current
 * one, or null while the series does not reach back that far.
 *
 * @example
 * ```ts
 * import { spikeBaseline } from "./rules.ts";
 * // spikeBaseline(series, minute, rules); // e.g. 4
 * ```
 */
export function spikeBaseline(
  series: GroupSeries,
  minute: number,
  rules: Pick<AlertRules, "window_minutes" | "spike_windows">,
): number | null {
  const w = rules.window_minutes;
  const earliest = minute - (rules.spike_windows + 1) * w + 1;
  if (rules.spike_windows < 1 || earliest < series.first) return null;
  const counts: number[] = [];
  for (let k = 1; k <= rules.spike_windows; k++) {
    counts.push(series.window(minute - k * w, w).errors);
  }
  counts.sort((a, b) => a - b);
  const mid = counts.length >> 1;
  return counts.length % 2 === 1 ? counts[mid] : (counts[mid - 1] + counts[mid]) / 2;
}
