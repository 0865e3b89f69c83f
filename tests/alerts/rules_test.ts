/**
 * The three threshold rules fire strictly above their thresholds, with the
 * documented severities, and an alert's key is stable for the same data.
 */

import assert from "node:assert/strict";
import { evaluateAlerts } from "../../lib/alerts/rules.ts";
import type { Summary } from "../../lib/analytics/reports.ts";

const thresholds = {
  error_rate_threshold: 0.1,
  error_count_threshold: 100,
  critical_error_threshold: 5,
};

function summary(rows: number, errors: number, critical: number): Summary {
  return {
    run_id: 1,
    generated_at: "2024-01-01T00:00:00Z",
    total_rows: rows,
    records: rows,
    rejected_rows: 0,
    blank_lines: 0,
    error_count: errors,
    critical_count: critical,
    error_rate: rows === 0 ? 0 : errors / rows,
    error_levels: ["ERROR", "CRITICAL"],
    levels: {},
    distinct: { ips: 0, services: 0, endpoints: 0, error_types: 0 },
    time_range: { first: "2024-01-15T00:00:00Z", last: "2024-01-15T23:00:00Z" },
    files: [],
    missing_paths: [],
    bytes: 0,
    last_run: {
      mode: "full",
      bytes_scanned: 0,
      records_scanned: 0,
      duration_seconds: 1,
      rows_per_second: 0,
      mb_per_second: 0,
      workers: 1,
      partitions: 1,
    },
  };
}

const types = (s: Summary) => evaluateAlerts(s, thresholds).map((a) => `${a.type}/${a.severity}`);

Deno.test("at the thresholds nothing fires; just above, each rule fires", () => {
  // 100 errors in 1000 rows: rate exactly 0.10, count exactly 100; 5 critical.
  assert.deepEqual(types(summary(1000, 100, 5)), []);
  assert.deepEqual(types(summary(1000, 101, 5)), [
    "HIGH_ERROR_RATE/HIGH",
    "HIGH_ERROR_COUNT/MEDIUM",
  ]);
  assert.deepEqual(types(summary(2000, 100, 6)), ["CRITICAL_ERRORS/CRITICAL"]);
  assert.deepEqual(types(summary(10, 2, 0)), ["HIGH_ERROR_RATE/HIGH"]);
  assert.deepEqual(types(summary(0, 0, 0)), []);
});

Deno.test("messages carry the numbers; keys are stable for the same data", () => {
  const [rate] = evaluateAlerts(summary(1000, 150, 0), thresholds);
  assert.equal(rate.message, "error rate 15.00% exceeds 10.00% (150 errors in 1000 rows)");
  assert.equal(rate.value, 0.15);
  assert.equal(rate.threshold, 0.1);
  const again = evaluateAlerts(summary(1000, 150, 0), thresholds);
  assert.deepEqual(
    again.map((a) => a.key),
    evaluateAlerts(summary(1000, 150, 0), thresholds).map((a) => a.key),
  );
  const other = evaluateAlerts(summary(1001, 150, 0), thresholds);
  assert.notEqual(other[0].key, rate.key, "different data, a different alert");
});
