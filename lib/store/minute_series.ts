/**
 * The minute series in the store: rows per (minute, level, service), kept for
 * the last {@linkcode MINUTE_RETENTION_DAYS} days before the newest log time
 * (windowed alerts need recent minutes, not a year of them). One row of BLOBs
 * per hour, like the cube.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { MinutesPartial } from "../aggregate/partial.ts";
import { arrayOf, bytesOf, gather, groupIndices } from "./cube.ts";

/** Days of minutes kept, counted back from the newest minute's hour. */
export const MINUTE_RETENTION_DAYS = 7;

/**
 * The first hour kept for a newest minute. Whole hours, so the cut moves
 * only when the newest hour does, and cutting at every incremental run keeps
 * exactly what one cut at the end would (the newest minute only grows).
 *
 * @example
 * ```ts
 * import { firstKeptHour } from "./minute_series.ts";
 * firstKeptHour(60 * 200); // 200 - 168 + 1 = 33
 * ```
 */
export function firstKeptHour(newestMinute: number): number {
  return Math.floor(newestMinute / 60) - MINUTE_RETENTION_DAYS * 24 + 1;
}

/**
 * Writes the minute series of the hours it holds (one row per hour, those
 * replaced), drops hours before retention, and leaves other hours alone;
 * service ids are the store's service key ids.
 *
 * @example
 * ```ts
 * import { writeMinuteSeries } from "./minute_series.ts";
 * // writeMinuteSeries(db, aggregate.minutes, newestMinute);
 * ```
 */
export function writeMinuteSeries(
  db: DatabaseSync,
  series: MinutesPartial,
  newestMinute: number,
): void {
  const cut = firstKeptHour(newestMinute);
  db.prepare("DELETE FROM minute_series WHERE hour < ?").run(cut);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO minute_series (hour, cells, minute, level, service, count)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const hourOf = new Int32Array(series.minute.length);
  for (let i = 0; i < hourOf.length; i++) hourOf[i] = Math.floor(series.minute[i] / 60);
  for (const [hour, at] of groupIndices(hourOf)) {
    if (hour < cut) continue;
    insert.run(
      hour,
      at.length,
      bytesOf(gather(series.minute, at, new Int32Array(at.length))),
      bytesOf(gather(series.level, at, new Uint8Array(at.length))),
      bytesOf(gather(series.service, at, new Int32Array(at.length))),
      bytesOf(gather(series.count, at, new Float64Array(at.length))),
    );
  }
}

/**
 * Reads the minute series (empty when none was written), optionally only some hours.
 *
 * @example
 * ```ts
 * import { readMinuteSeries } from "./minute_series.ts";
 * // const { minute, level, service, count } = readMinuteSeries(db);
 * ```
 */
export function readMinuteSeries(db: DatabaseSync, hours?: ReadonlySet<number>): MinutesPartial {
  type Row =
    & { hour: number; cells: number }
    & Record<
      "minute" | "level" | "service" | "count",
      Uint8Array
    >;
  const columns = "hour, cells, minute, level, service, count";
  let rows: Row[];
  if (hours === undefined) {
    rows = db.prepare(`SELECT ${columns} FROM minute_series ORDER BY hour`).all() as Row[];
  } else {
    const one = db.prepare(`SELECT ${columns} FROM minute_series WHERE hour = ?`);
    rows = [...hours].sort((a, b) => a - b).map((hour) => one.get(hour) as Row | undefined)
      .filter((row): row is Row => row !== undefined);
  }
  const total = rows.reduce((sum, row) => sum + row.cells, 0);
  const series: MinutesPartial = {
    minute: new Int32Array(total),
    level: new Uint8Array(total),
    service: new Int32Array(total),
    count: new Float64Array(total),
  };
  let at = 0;
  for (const row of rows) {
    series.minute.set(arrayOf(row.minute, (b) => new Int32Array(b)), at);
    series.level.set(row.level, at);
    series.service.set(arrayOf(row.service, (b) => new Int32Array(b)), at);
    series.count.set(arrayOf(row.count, (b) => new Float64Array(b)), at);
    at += row.cells;
  }
  return series;
}
