/**
 * Maps a CSV header to the columns logpulse reads, by name and alias,
 * case-insensitively. Extra columns are ignored.
 *
 * @module
 */

/** The columns logpulse reads. */
export const COLUMNS = [
  "timestamp",
  "log_level",
  "message",
  "ip",
  "service",
  "endpoint",
  "error_type",
] as const;

/** A column logpulse reads. */
export type Column = typeof COLUMNS[number];

/** Columns a file must have. */
export const REQUIRED_COLUMNS: readonly Column[] = ["timestamp", "log_level", "message"];

/** Accepted header names per column (compared lower-cased and trimmed). */
export const COLUMN_ALIASES: Readonly<Record<Column, readonly string[]>> = {
  timestamp: ["timestamp", "time", "datetime", "@timestamp", "ts"],
  log_level: ["log_level", "level", "severity", "loglevel", "lvl"],
  message: ["message", "msg"],
  ip: ["ip", "ip_address", "client_ip", "remote_addr"],
  service: ["service", "service_name", "app", "application"],
  endpoint: ["endpoint", "path", "endpoint_path", "url", "route"],
  error_type: ["error_type"],
};

/** Field index per column (-1 when absent) and the header's field count. */
export type ColumnMap = Record<Column, number> & { fieldCount: number };

/** The outcome of mapping a header. */
export type ColumnMapping =
  | { ok: true; columns: ColumnMap }
  | { ok: false; missing: Column[] };

/**
 * Maps header names to column indices. When two headers alias one column the
 * first wins.
 *
 * @example
 * ```ts
 * import { mapColumns } from "./columns.ts";
 * const mapping = mapColumns(["Timestamp", "severity", "message", "client_ip"]);
 * mapping.ok && mapping.columns.ip; // 3
 * ```
 */
export function mapColumns(names: readonly string[]): ColumnMapping {
  const columns = { fieldCount: names.length } as ColumnMap;
  for (const column of COLUMNS) columns[column] = -1;
  names.forEach((raw, index) => {
    const name = raw.replace(/^\uFEFF/, "").trim().toLowerCase();
    for (const column of COLUMNS) {
      if (columns[column] === -1 && COLUMN_ALIASES[column].includes(name)) {
        columns[column] = index;
        return;
      }
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => columns[column] === -1);
  return missing.length > 0 ? { ok: false, missing } : { ok: true, columns };
}

/**
 * The column map of a file that is not CSV (a line format fills the fields
 * itself): every column absent.
 *
 * @example
 * ```ts
 * import { NO_COLUMNS } from "./columns.ts";
 * NO_COLUMNS.fieldCount; // 0
 * ```
 */
export const NO_COLUMNS: ColumnMap = {
  ...Object.fromEntries(COLUMNS.map((column) => [column, -1])) as Record<Column, number>,
  fieldCount: 0,
};
