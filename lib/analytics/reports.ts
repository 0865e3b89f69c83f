/**
 * The report rows: one interface per report file, with the exact column names
 * of the files (snake_case), so the CSV/JSON writers need no mapping.
 *
 * @module
 */

/** `csv/errors_by_type.csv`: errors per error type, most first. */
export interface ErrorsByTypeRow {
  error_type: string;
  count: number;
  /** Share of all errors (0..1). */
  share: number;
}

/** `csv/errors_by_hour.csv`: per UTC hour that has rows, oldest first. */
export interface ErrorsByHourRow {
  /** Hour start, ISO UTC (`2024-01-15T10:00:00Z`). */
  hour: string;
  error_count: number;
  total_count: number;
  error_rate: number;
}

/** `csv/top_errors.csv`: the most frequent (error type, template) pairs. */
export interface TopErrorRow {
  rank: number;
  error_type: string;
  template: string;
  example: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

/** `csv/errors_per_ip.csv`. */
export interface ErrorsPerIpRow {
  ip: string;
  error_count: number;
  total_count: number;
  error_rate: number;
}

/** `csv/errors_per_service.csv`. */
export interface ErrorsPerServiceRow {
  service: string;
  error_count: number;
  total_count: number;
  error_rate: number;
}

/** `json/error_trends.json`: hourly. */
export interface ErrorTrendRow {
  time_window: string;
  error_count: number;
  total_count: number;
  error_rate: number;
}

/** `json/errors_by_day.json`. */
export interface ErrorsByDayRow {
  /** UTC date `YYYY-MM-DD`. */
  date: string;
  error_count: number;
  total_count: number;
}

/** `json/errors_by_severity.json`: every level, most severe first. */
export interface ErrorsBySeverityRow {
  /** 5 = CRITICAL … 1 = DEBUG, 0 = UNKNOWN. */
  severity: number;
  log_level: string;
  count: number;
  /** Share of all accepted rows (0..1). */
  share: number;
}

/** Per-file accounting in `summary.json`: records = accepted + rejected. */
export interface FileSummary {
  file: string;
  /** `gone`: the file is no longer present; its counts are kept. */
  status: "ok" | "partial" | "refused" | "gone";
  records: number;
  accepted: number;
  rejected: number;
  blank_lines: number;
  /** Bytes of a last line without its line feed, left for the next run. */
  pending_bytes: number;
  problem: string | null;
}

/** `json/summary.json`. */
export interface Summary {
  run_id: number;
  generated_at: string;
  total_rows: number;
  records: number;
  rejected_rows: number;
  blank_lines: number;
  error_count: number;
  critical_count: number;
  error_rate: number;
  error_levels: string[];
  levels: Record<string, number>;
  distinct: { ips: number; services: number; endpoints: number; error_types: number };
  time_range: { first: string | null; last: string | null };
  files: FileSummary[];
  missing_paths: { path: string; problem: string }[];
  /** Input bytes of the files counted (compressed size for gzip; files now gone excluded). */
  bytes: number;
  /** What the last parse run did: facts of the run, not of the data. */
  last_run: LastRun;
}

/** The last parse run in `summary.json`. */
export interface LastRun {
  /** `full`: every file scanned from scratch; `incremental`: only new bytes. */
  mode: "full" | "incremental";
  bytes_scanned: number;
  records_scanned: number;
  duration_seconds: number;
  rows_per_second: number;
  mb_per_second: number;
  workers: number;
  partitions: number;
}

/** `json/summary.json` as written by export: the summary plus the alert stage's outcome. */
export interface SummaryFile extends Summary {
  /**
   * Alert types whose condition holds for this data. (How many were new is a
   * fact of the run, not of the data, so it is printed, not written here:
   * re-running on the same input gives the same file.)
   */
  alerts: { active: string[] };
}

/** Every report, as computed by the analytics stage. */
export interface Reports {
  errors_by_type: ErrorsByTypeRow[];
  errors_by_hour: ErrorsByHourRow[];
  top_errors: TopErrorRow[];
  errors_per_ip: ErrorsPerIpRow[];
  errors_per_service: ErrorsPerServiceRow[];
  error_trends: ErrorTrendRow[];
  errors_by_day: ErrorsByDayRow[];
  errors_by_severity: ErrorsBySeverityRow[];
  summary: Summary;
}

/** The label used in reports for rows that have no value in a key column. */
export const NO_VALUE = "(none)";

/**
 * Rounds a ratio to 6 decimals (reports show rates, not float noise).
 *
 * @example
 * ```ts
 * import { ratio } from "./reports.ts";
 * ratio(1, 3); // 0.333333
 * ```
 */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
}
