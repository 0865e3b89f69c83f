/**
 * Writes the report files: CSV under `csv/` and JSON under `json/`, each
 * atomically (`rejected.csv` is `writeRejectedCsv`'s, in rejected_csv.ts).
 *
 * @module
 */

import { join } from "node:path";
import type { Reports, SummaryFile } from "../analytics/reports.ts";
import { writeFileAtomic } from "./atomic.ts";
import { encodeCsv } from "./csv_encode.ts";

/** Every file export writes, relative to the reports directory (`rejected.csv` too). */
export const REPORT_FILES = [
  "csv/errors_by_type.csv",
  "csv/errors_by_hour.csv",
  "csv/top_errors.csv",
  "csv/errors_per_ip.csv",
  "csv/errors_per_service.csv",
  "json/error_trends.json",
  "json/errors_by_day.json",
  "json/errors_by_severity.json",
  "json/summary.json",
  "rejected.csv",
] as const;

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/**
 * Writes the CSV and JSON report files into `dir`.
 *
 * @example
 * ```ts
 * import { writeReports } from "./write_reports.ts";
 * // await writeReports("reports", reports, summaryFile);
 * ```
 */
export async function writeReports(
  dir: string,
  reports: Reports,
  summary: SummaryFile,
): Promise<void> {
  const files: [string, string][] = [
    ["csv/errors_by_type.csv", encodeCsv(["error_type", "count", "share"], reports.errors_by_type)],
    [
      "csv/errors_by_hour.csv",
      encodeCsv(["hour", "error_count", "total_count", "error_rate"], reports.errors_by_hour),
    ],
    [
      "csv/top_errors.csv",
      encodeCsv(
        ["rank", "error_type", "template", "example", "count", "first_seen", "last_seen"],
        reports.top_errors,
      ),
    ],
    [
      "csv/errors_per_ip.csv",
      encodeCsv(["ip", "error_count", "total_count", "error_rate"], reports.errors_per_ip),
    ],
    [
      "csv/errors_per_service.csv",
      encodeCsv(
        ["service", "error_count", "total_count", "error_rate"],
        reports.errors_per_service,
      ),
    ],
    ["json/error_trends.json", json(reports.error_trends)],
    ["json/errors_by_day.json", json(reports.errors_by_day)],
    ["json/errors_by_severity.json", json(reports.errors_by_severity)],
    ["json/summary.json", json(summary)],
  ];
  for (const [name, content] of files) await writeFileAtomic(join(dir, name), content);
}
