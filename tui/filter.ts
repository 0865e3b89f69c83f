/**
 * The dashboard's filter: a date range (a preset relative to the newest log
 * time, or custom), the levels shown and one service or all. Ranges snap to
 * whole UTC hours because the cube is hourly.
 *
 * @module
 */

import { LEVEL_COUNT, LEVEL_NAMES } from "../lib/model/level.ts";
import { parseTimestampText } from "../lib/time/timestamp.ts";
import type { TimestampContext } from "../lib/time/timestamp.ts";

const MS_PER_HOUR = 3_600_000;

/** Date-range presets and the hours they span. */
export const PRESETS = { "1h": 1, "24h": 24, "7d": 168, all: Infinity } as const;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;

/** What every panel is filtered by. */
export interface DashboardFilter {
  /** A preset, or `custom` with `fromHour`/`toHour`. */
  range: PresetName | "custom";
  /** Custom range, inclusive, in hours since the epoch. */
  fromHour: number;
  toHour: number;
  /** Which levels are shown, by level index. */
  levels: boolean[];
  /** One service, or null for all. */
  service: string | null;
}

/**
 * The filter a dashboard starts with: everything.
 *
 * @example
 * ```ts
 * import { initialFilter } from "./filter.ts";
 * initialFilter().range; // "all"
 * ```
 */
export function initialFilter(): DashboardFilter {
  return {
    range: "all",
    fromHour: -Infinity,
    toHour: Infinity,
    levels: new Array(LEVEL_COUNT).fill(true),
    service: null,
  };
}

/**
 * The inclusive hour range of a filter, given the newest log time.
 *
 * @example
 * ```ts
 * import { hourRange, initialFilter } from "./filter.ts";
 * const filter = { ...initialFilter(), range: "24h" as const };
 * hourRange(filter, 100 * 3_600_000 + 5); // [77, 100]
 * ```
 */
export function hourRange(filter: DashboardFilter, newestMs: number): [number, number] {
  if (filter.range === "custom") return [filter.fromHour, filter.toHour];
  const span = PRESETS[filter.range];
  if (span === Infinity || !Number.isFinite(newestMs)) return [-Infinity, Infinity];
  const newest = Math.floor(newestMs / MS_PER_HOUR);
  return [newest - span + 1, newest];
}

/**
 * Toggles one level; refuses to turn off the last one shown (an empty
 * dashboard helps nobody). Returns a new filter.
 *
 * @example
 * ```ts
 * import { initialFilter, toggleLevel } from "./filter.ts";
 * toggleLevel(initialFilter(), 0).levels[0]; // false
 * ```
 */
export function toggleLevel(filter: DashboardFilter, level: number): DashboardFilter {
  const levels = filter.levels.slice();
  levels[level] = !levels[level];
  if (!levels.some(Boolean)) return filter;
  return { ...filter, levels };
}

/**
 * Parses a custom range typed as `FROM..TO` or `FROM TO`-less forms:
 * `FROM..TO`, `FROM..` (open end) or `..TO`. Each side accepts the
 * pipeline's timestamp formats or a bare date `YYYY-MM-DD` (a whole day).
 * Returns the new filter or an error message.
 *
 * @example
 * ```ts
 * import { initialFilter, parseCustomRange } from "./filter.ts";
 * import { createZone } from "../lib/time/zone.ts";
 * const ctx = { zone: createZone("UTC"), defaultYear: 2024 };
 * const result = parseCustomRange(initialFilter(), "2024-01-15..2024-01-15", ctx);
 * "filter" in result && result.filter.toHour - result.filter.fromHour; // 23
 * ```
 */
export function parseCustomRange(
  filter: DashboardFilter,
  text: string,
  time: TimestampContext,
): { filter: DashboardFilter } | { error: string } {
  const parts = text.trim().split("..");
  if (parts.length !== 2) return { error: "type FROM..TO (either side may be empty)" };
  const bound = (side: string, end: boolean): number | string => {
    const value = side.trim();
    if (value === "") return end ? Infinity : -Infinity;
    const date = /^\d{4}-\d\d-\d\d$/.exec(value);
    const ms = parseTimestampText(date ? `${value} ${end ? "23:59:59" : "00:00:00"}` : value, time);
    if (Number.isNaN(ms)) return `"${value}" is not a timestamp the pipeline reads`;
    return Math.floor(ms / MS_PER_HOUR);
  };
  const from = bound(parts[0], false);
  const to = bound(parts[1], true);
  if (typeof from === "string") return { error: from };
  if (typeof to === "string") return { error: to };
  if (from > to) return { error: "FROM is after TO" };
  return { filter: { ...filter, range: "custom", fromHour: from, toHour: to } };
}

/**
 * A one-line description of a filter, for the status line.
 *
 * @example
 * ```ts
 * import { describeFilter, initialFilter } from "./filter.ts";
 * describeFilter(initialFilter()); // "range all | levels all | service all"
 * ```
 */
export function describeFilter(filter: DashboardFilter): string {
  const range = filter.range !== "custom"
    ? filter.range
    : `${formatHour(filter.fromHour)}..${formatHour(filter.toHour)}`;
  const levels = filter.levels.every(Boolean)
    ? "all"
    : LEVEL_NAMES.filter((_, i) => filter.levels[i]).join(",");
  return `range ${range} | levels ${levels} | service ${filter.service ?? "all"}`;
}

function formatHour(hour: number): string {
  if (!Number.isFinite(hour)) return "";
  return new Date(hour * MS_PER_HOUR).toISOString().slice(0, 13).replace("T", " ") + "h";
}
