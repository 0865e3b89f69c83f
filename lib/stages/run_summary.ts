/**
 * The pipeline's closing summary lines.
 *
 * @module
 */

import type { SummaryFile } from "../analytics/reports.ts";
import { threadsText } from "./parse.ts";

/**
 * Formats the end-of-run summary.
 *
 * @example
 * ```ts
 * import { formatRunSummary } from "./run_summary.ts";
 * // formatRunSummary(summary, 2, "reports").forEach((line) => console.log(line));
 * ```
 */
export function formatRunSummary(
  summary: SummaryFile,
  newAlerts: number,
  reportsDir: string,
): string[] {
  const files = summary.files.filter((file) => file.status !== "refused").length;
  const refused = summary.files.length - files;
  return [
    `rows: ${summary.total_rows} accepted, ${summary.rejected_rows} rejected (of ${summary.records} records in ${files} file(s)${
      refused > 0 ? `; ${refused} file(s) refused` : ""
    })`,
    `errors: ${summary.error_count} (${
      (summary.error_rate * 100).toFixed(2)
    }%), critical: ${summary.critical_count}`,
    `alerts: ${summary.alerts.active.length} active${
      summary.alerts.active.length > 0 ? ` (${summary.alerts.active.join(", ")})` : ""
    }, ${newAlerts} new`,
    summary.last_run.bytes_scanned === 0
      ? `${summary.last_run.mode} run: nothing new to read`
      : `${summary.last_run.mode} run: ${summary.last_run.records_scanned} new records, ${summary.last_run.mb_per_second} MB/s, ${summary.last_run.rows_per_second} rows/s on ${
        threadsText(summary.last_run.workers)
      }`,
    `reports: ${reportsDir}/`,
  ];
}
