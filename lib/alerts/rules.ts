/**
 * Threshold alert rules over a run's summary.
 *
 * @module
 */

import type { Summary } from "../analytics/reports.ts";

/** Alert thresholds (the `alerts` config section). */
export interface AlertThresholds {
  error_rate_threshold: number;
  error_count_threshold: number;
  critical_error_threshold: number;
}

/** An alert condition that holds for a run. */
export interface Alert {
  type: "HIGH_ERROR_RATE" | "HIGH_ERROR_COUNT" | "CRITICAL_ERRORS";
  severity: "HIGH" | "MEDIUM" | "CRITICAL";
  message: string;
  value: number;
  threshold: number;
  /**
   * Identifies the condition on this data: the same data gives the same key,
   * so re-running the pipeline never logs the same alert twice.
   */
  key: string;
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/**
 * Evaluates HIGH_ERROR_RATE (rate > threshold), HIGH_ERROR_COUNT (errors >
 * threshold) and CRITICAL_ERRORS (CRITICAL rows > threshold).
 *
 * @example
 * ```ts
 * import { evaluateAlerts } from "./rules.ts";
 * // evaluateAlerts(summary, { error_rate_threshold: 0.1, error_count_threshold: 100, critical_error_threshold: 5 });
 * ```
 */
export function evaluateAlerts(summary: Summary, thresholds: AlertThresholds): Alert[] {
  const alerts: Alert[] = [];
  const data = `${summary.records}:${summary.time_range.first}:${summary.time_range.last}`;
  const add = (alert: Omit<Alert, "key">) =>
    alerts.push({ ...alert, key: `${alert.type}:${alert.value}:${alert.threshold}:${data}` });
  if (summary.total_rows > 0 && summary.error_rate > thresholds.error_rate_threshold) {
    add({
      type: "HIGH_ERROR_RATE",
      severity: "HIGH",
      message: `error rate ${percent(summary.error_rate)} exceeds ${
        percent(thresholds.error_rate_threshold)
      } (${summary.error_count} errors in ${summary.total_rows} rows)`,
      value: summary.error_rate,
      threshold: thresholds.error_rate_threshold,
    });
  }
  if (summary.error_count > thresholds.error_count_threshold) {
    add({
      type: "HIGH_ERROR_COUNT",
      severity: "MEDIUM",
      message:
        `${summary.error_count} errors exceed the threshold of ${thresholds.error_count_threshold}`,
      value: summary.error_count,
      threshold: thresholds.error_count_threshold,
    });
  }
  if (summary.critical_count > thresholds.critical_error_threshold) {
    add({
      type: "CRITICAL_ERRORS",
      severity: "CRITICAL",
      message:
        `${summary.critical_count} critical errors exceed the threshold of ${thresholds.critical_error_threshold}`,
      value: summary.critical_count,
      threshold: thresholds.critical_error_threshold,
    });
  }
  return alerts;
}
