/**
 * Writes the report files: CSV under `csv/`, JSON under `json/`, and
 * `rejected.csv`, each atomically.
 *
 * @module
 */

import { join } from "node:path";
import type { Reports, SummaryFile } from "../analytics/reports.ts";
import { writeFileAtomic } from "./atomic.ts";
import { encodeCsv, encodeCsvChunks } from "./csv_encode.ts";

/** A rejected row as written to `rejected.csv`. */
export interface RejectedRecord extends Record<string, string | number> {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/** Every file export writes, relative to the reports directory. */
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
 * Writes all report files into `dir`.
 *
 * @example
 * ```ts
 * import { writeReports } from "./write_reports.ts";
 * // await writeReports("reports", reports, summaryFile, rejected);
 * ```
 */
export async function writeReports(
  dir: string,
  reports: Reports,
  summary: SummaryFile,
  rejected: Iterable<RejectedRecord>,
): Promise<void> {
  const files: [string, string | Iterable<string>][] = [
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
    // Streamed: a badly broken input may have millions of rejected rows.
    ["rejected.csv", encodeCsvChunks(["file", "line", "reason", "raw"], rejected)],
  ];
  for (const [name, content] of files) await writeFileAtomic(join(dir, name), content);
}
