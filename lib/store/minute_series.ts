/**
 * The minute series in the store: rows per (minute, level, service), kept for
 * the last {@linkcode MINUTE_RETENTION_DAYS} days before the newest log time
 * (windowed alerts need recent minutes, not a year of them). One row of BLOBs,
 * like the cube.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { MinutesPartial } from "../aggregate/partial.ts";
import { arrayOf, bytesOf } from "./cube.ts";

/** Days of minutes kept, counted back from the newest minute. */
export const MINUTE_RETENTION_DAYS = 7;

/**
 * Keeps the minutes within retention of `newestMinute`. The cut depends only
 * on the newest minute, which only grows, so cutting at every incremental run
 * keeps exactly what one cut at the end would.
 *
 * @example
 * ```ts
 * import { retainRecentMinutes } from "./minute_series.ts";
 * const series = { minute: new Int32Array([0, 20_000]), level: new Uint8Array(2),
 *   service: new Int32Array(2), count: new Float64Array([1, 1]) };
 * retainRecentMinutes(series, 20_000).minute; // Int32Array [20000]
 * ```
 */
export function retainRecentMinutes(series: MinutesPartial, newestMinute: number): MinutesPartial {
  const cut = newestMinute - MINUTE_RETENTION_DAYS * 1440;
  const keep: number[] = [];
  for (let i = 0; i < series.minute.length; i++) if (series.minute[i] > cut) keep.push(i);
  if (keep.length === series.minute.length) return series;
  return {
    minute: Int32Array.from(keep, (i) => series.minute[i]),
    level: Uint8Array.from(keep, (i) => series.level[i]),
    service: Int32Array.from(keep, (i) => series.service[i]),
    count: Float64Array.from(keep, (i) => series.count[i]),
  };
}

/**
 * Writes (replaces) the minute series; service ids are the store's service key ids.
 *
 * @example
 * ```ts
 * import { writeMinuteSeries } from "./minute_series.ts";
 * // writeMinuteSeries(db, aggregate.minutes);
 * ```
 */
export function writeMinuteSeries(db: DatabaseSync, series: MinutesPartial): void {
  db.prepare(
    `INSERT OR REPLACE INTO minute_series (id, cells, minute, level, service, count)
     VALUES (0, ?, ?, ?, ?, ?)`,
  ).run(
    series.count.length,
    bytesOf(series.minute),
    bytesOf(series.level),
    bytesOf(series.service),
    bytesOf(series.count),
  );
}

/**
 * Reads the minute series (empty when none was written).
 *
 * @example
 * ```ts
 * import { readMinuteSeries } from "./minute_series.ts";
 * // const { minute, level, service, count } = readMinuteSeries(db);
 * ```
 */
export function readMinuteSeries(db: DatabaseSync): MinutesPartial {
  const row = db.prepare("SELECT minute, level, service, count FROM minute_series WHERE id = 0")
    .get() as Record<"minute" | "level" | "service" | "count", Uint8Array> | undefined;
  if (!row) {
    return {
      minute: new Int32Array(0),
      level: new Uint8Array(0),
      service: new Int32Array(0),
      count: new Float64Array(0),
    };
  }
  return {
    minute: arrayOf(row.minute, (b) => new Int32Array(b)),
    level: arrayOf(row.level, (b) => new Uint8Array(b)),
    service: arrayOf(row.service, (b) => new Int32Array(b)),
    count: arrayOf(row.count, (b) => new Float64Array(b)),
  };
}
