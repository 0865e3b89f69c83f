/**
 * The analytics stage: derives every report from the store's cube. It never
 * touches raw logs; everything here is a GROUP BY over counters.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { LEVEL_NAMES } from "../model/level.ts";
import type { LevelName } from "../model/level.ts";
import { countByKey, readCube, readDimKeys } from "../store/cube.ts";
import type { ParseRun } from "../store/write_scan.ts";
import { groupTemplates } from "../templates/group_templates.ts";
import { formatIsoUtc } from "../time/timestamp.ts";
import { NO_VALUE, ratio } from "./reports.ts";
import type {
  ErrorsByDayRow,
  ErrorsByHourRow,
  ErrorsBySeverityRow,
  ErrorsByTypeRow,
  FileSummary,
  Reports,
  Summary,
  TopErrorRow,
} from "./reports.ts";

const MS_PER_HOUR = 3_600_000;
/** Severity rank per level name: higher is worse. */
export const SEVERITY: Readonly<Record<string, number>> = {
  CRITICAL: 5,
  ERROR: 4,
  WARN: 3,
  INFO: 2,
  DEBUG: 1,
  UNKNOWN: 0,
};

interface KeyTotals {
  key: string;
  error_count: number;
  total_count: number;
  error_rate: number;
}

/**
 * Computes all reports from the store for a parse run.
 *
 * @example
 * ```ts
 * import { computeReports } from "./compute.ts";
 * // const reports = computeReports(db, parseRun, { topN: 10, templates: minedTemplates(db) });
 * ```
 */
export function computeReports(
  db: DatabaseSync,
  parseRun: ParseRun,
  options: { topN: number; templates?: ReadonlyMap<string, string> },
): Reports {
  const errorLevels = parseRun.errorLevels;
  const errorIn = `level IN (${errorLevels.map(() => "?").join(", ")})`;

  const hourly = db.prepare(
    `SELECT hour, SUM(count) AS total, SUM(CASE WHEN ${errorIn} THEN count ELSE 0 END) AS errors
     FROM hour_levels GROUP BY hour ORDER BY hour`,
  ).all(...errorLevels) as { hour: number; total: number; errors: number }[];
  const errorsByHour: ErrorsByHourRow[] = hourly.map((row) => ({
    hour: formatIsoUtc(row.hour * MS_PER_HOUR),
    error_count: row.errors,
    total_count: row.total,
    error_rate: ratio(row.errors, row.total),
  }));

  const days = new Map<string, ErrorsByDayRow>();
  for (const row of errorsByHour) {
    const date = row.hour.slice(0, 10);
    const day = days.get(date) ?? { date, error_count: 0, total_count: 0 };
    day.error_count += row.error_count;
    day.total_count += row.total_count;
    days.set(date, day);
  }

  const levelRows = db.prepare("SELECT level, SUM(count) AS count FROM hour_levels GROUP BY level")
    .all() as { level: string; count: number }[];
  const levels: Record<string, number> = {};
  for (const name of LEVEL_NAMES) levels[name] = 0;
  for (const row of levelRows) levels[row.level] = row.count;
  const totalRows = LEVEL_NAMES.reduce((sum, name) => sum + levels[name], 0);
  const errorCount = errorLevels.reduce((sum, name) => sum + levels[name], 0);
  const errorsBySeverity: ErrorsBySeverityRow[] = LEVEL_NAMES.map((name) => ({
    severity: SEVERITY[name],
    log_level: name,
    count: levels[name],
    share: ratio(levels[name], totalRows),
  })).sort((a, b) => b.severity - a.severity);

  const rename = (key: string) => options.templates?.get(key) ?? key;
  // Types named after their template (no rule matched) take the mined template's name.
  const typeRows = keyTotals(db, "error_type", errorLevels, rename);
  const errorsByType: ErrorsByTypeRow[] = typeRows
    .filter((row) => row.error_count > 0)
    .map((row) => ({
      error_type: row.key,
      count: row.error_count,
      share: ratio(row.error_count, errorCount),
    }));

  const topErrors = topErrorRows(db, rename, options.topN);

  const fileRows = db.prepare(
    `SELECT name, status, records, accepted, rejected, blank_lines, pending_bytes, problem
     FROM files ORDER BY name, status`,
  ).all() as {
    name: string;
    status: FileSummary["status"];
    records: number;
    accepted: number;
    rejected: number;
    blank_lines: number;
    pending_bytes: number;
    problem: string | null;
  }[];
  const files: FileSummary[] = fileRows.map((row) => ({
    file: row.name,
    status: row.status,
    records: row.records,
    accepted: row.accepted,
    rejected: row.rejected,
    blank_lines: row.blank_lines,
    pending_bytes: row.pending_bytes,
    problem: row.problem,
  }));
  const records = files.reduce((sum, file) => sum + file.records, 0);
  const rejectedRows = files.reduce((sum, file) => sum + file.rejected, 0);
  const distinct = (dim: string) =>
    (db.prepare("SELECT COUNT(*) AS n FROM dim_keys WHERE dim = ?").get(dim) as { n: number }).n;

  const summary: Summary = {
    run_id: parseRun.runId,
    generated_at: new Date().toISOString(),
    total_rows: totalRows,
    records,
    rejected_rows: rejectedRows,
    blank_lines: files.reduce((sum, file) => sum + file.blank_lines, 0),
    error_count: errorCount,
    critical_count: levels.CRITICAL,
    error_rate: ratio(errorCount, totalRows),
    error_levels: errorLevels,
    levels,
    distinct: {
      ips: distinct("ip"),
      services: distinct("service"),
      endpoints: distinct("endpoint"),
      error_types: typeRows.length,
    },
    time_range: {
      first: parseRun.minTs === null ? null : formatIsoUtc(parseRun.minTs),
      last: parseRun.maxTs === null ? null : formatIsoUtc(parseRun.maxTs),
    },
    files,
    missing_paths: parseRun.missing,
    bytes: (db.prepare(
      "SELECT COALESCE(SUM(size), 0) AS n FROM files WHERE status IN ('ok', 'partial')",
    ).get() as { n: number }).n,
    last_run: {
      mode: parseRun.mode,
      bytes_scanned: parseRun.bytes,
      records_scanned: parseRun.records,
      duration_seconds: round3(parseRun.seconds),
      rows_per_second: Math.round(parseRun.records / Math.max(parseRun.seconds, 1e-9)),
      mb_per_second: round3(parseRun.bytes / 1e6 / Math.max(parseRun.seconds, 1e-9)),
      workers: parseRun.workers,
      partitions: parseRun.partitions,
    },
  };

  return {
    errors_by_type: errorsByType,
    errors_by_hour: errorsByHour,
    top_errors: topErrors,
    errors_per_ip: keyTotals(db, "ip", errorLevels).map((row) => ({
      ip: row.key,
      error_count: row.error_count,
      total_count: row.total_count,
      error_rate: row.error_rate,
    })),
    errors_per_service: keyTotals(db, "service", errorLevels).map((row) => ({
      service: row.key,
      error_count: row.error_count,
      total_count: row.total_count,
      error_rate: row.error_rate,
    })),
    error_trends: errorsByHour.map((row) => ({
      time_window: row.hour,
      error_count: row.error_count,
      total_count: row.total_count,
      error_rate: row.error_rate,
    })),
    errors_by_day: [...days.values()],
    errors_by_severity: errorsBySeverity,
    summary,
  };
}

/**
 * The mined template of every masked template in the store (see
 * `../templates/group_templates.ts`).
 *
 * @example
 * ```ts
 * import { minedTemplates } from "./compute.ts";
 * // minedTemplates(db).get("User alice logged in"); // "User <*> logged in"
 * ```
 */
export function minedTemplates(db: DatabaseSync): Map<string, string> {
  // In order of first appearance in the logs (ties by text), as the miner would
  // have seen them streaming; first_seen is a minimum over all runs, so the
  // order, and the grouping, are the same however the counts were gathered.
  const rows = db.prepare(
    `SELECT t.template, k.first_seen FROM templates t
     LEFT JOIN dim_keys k ON k.dim = 'template' AND k.id = t.id`,
  ).all() as { template: string; first_seen: number | null }[];
  const masked = rows.map((row) => row.template);
  const mined = groupTemplates(masked, {}, rows.map((row) => row.first_seen ?? Infinity));
  return new Map(masked.map((template, i) => [template, mined[i]]));
}

/** Error counts by (type, mined template), most first, each with its earliest example. */
function topErrorRows(
  db: DatabaseSync,
  rename: (key: string) => string,
  topN: number,
): TopErrorRow[] {
  const pairs = db.prepare(
    `SELECT k.value AS error_type, t.template, p.example, p.example_ts, p.count, p.first_seen,
       p.last_seen
     FROM error_pairs p
     JOIN templates t ON t.id = p.template_id
     JOIN dim_keys k ON k.dim = 'error_type' AND k.id = p.type_id`,
  ).all() as {
    error_type: string;
    template: string;
    example: string;
    example_ts: number;
    count: number;
    first_seen: number;
    last_seen: number;
  }[];
  const groups = new Map<string, typeof pairs[number]>();
  for (const pair of pairs) {
    const errorType = rename(pair.error_type);
    const template = rename(pair.template);
    const key = `${errorType}\u0000${template}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...pair, error_type: errorType, template });
      continue;
    }
    group.count += pair.count;
    group.first_seen = Math.min(group.first_seen, pair.first_seen);
    group.last_seen = Math.max(group.last_seen, pair.last_seen);
    if (
      pair.example_ts < group.example_ts ||
      (pair.example_ts === group.example_ts && pair.example < group.example)
    ) {
      group.example = pair.example;
      group.example_ts = pair.example_ts;
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) =>
      b.count - a.count || a.first_seen - b.first_seen || order(a.error_type, b.error_type) ||
      order(a.template, b.template)
    )
    .slice(0, topN)
    .map((row, i) => ({
      rank: i + 1,
      error_type: row.error_type,
      template: row.template,
      example: row.example,
      count: row.count,
      first_seen: formatIsoUtc(row.first_seen),
      last_seen: formatIsoUtc(row.last_seen),
    }));
}

/** Errors and totals per key of a dimension (keys renamed, then merged), most errors first. */
function keyTotals(
  db: DatabaseSync,
  dim: string,
  errorLevels: string[],
  rename: (key: string) => string = (key) => key,
): KeyTotals[] {
  const keys = readDimKeys(db, dim);
  const isError = new Uint8Array(LEVEL_NAMES.length);
  for (const name of errorLevels) isError[LEVEL_NAMES.indexOf(name as LevelName)] = 1;
  const counts = countByKey(readCube(db, dim), keys.length, isError);
  const merged = new Map<string, { errors: number; total: number }>();
  keys.forEach((key, id) => {
    const total = counts[id * 2 + 1];
    if (total === 0) return;
    const name = rename(key);
    const row = merged.get(name) ?? { errors: 0, total: 0 };
    row.errors += counts[id * 2];
    row.total += total;
    merged.set(name, row);
  });
  return [...merged].map(([key, { errors, total }]) => ({
    key: key === "" ? NO_VALUE : key,
    error_count: errors,
    total_count: total,
    error_rate: ratio(errors, total),
  }))
    .sort((a, b) =>
      b.error_count - a.error_count || b.total_count - a.total_count ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    );
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
