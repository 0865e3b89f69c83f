/**
 * The dashboard's view model: a {@linkcode StoreSnapshot} and a
 * {@linkcode DashboardFilter} in, every panel's data out. Pure and fast
 * (linear scans of typed arrays), so it is what the unit tests check and
 * what both the blessed screen and the `--once` text frame draw.
 *
 * @module
 */

import { LEVEL_COUNT, LEVEL_NAMES } from "../lib/model/level.ts";
import type { LevelName } from "../lib/model/level.ts";
import { hourRange } from "./filter.ts";
import type { DashboardFilter } from "./filter.ts";
import type {
  SnapshotAlert,
  SnapshotDimension,
  StoreSnapshot,
  TemplateExample,
} from "./snapshot.ts";

const MS_PER_HOUR = 3_600_000;
/** Above this many hours the trend is drawn per day. */
export const DAILY_TREND_AFTER_HOURS = 96;
/** Rows kept per ranked panel. */
export const PANEL_ROWS = 20;

/** Errors and total for one key. */
export interface KeyCount {
  key: string;
  errors: number;
  total: number;
  rate: number;
}

/** One point of the trend chart. */
export interface TrendPoint {
  /** Bucket start, UTC ms. */
  start: number;
  errors: number;
  total: number;
}

/** Everything the dashboard draws. */
export interface DashboardView {
  metrics: {
    total: number;
    errors: number;
    errorRate: number;
    activeAlerts: number;
    rejected: number;
    /** First and last hour (UTC ms) with rows in the filter, NaN when none. */
    firstMs: number;
    lastMs: number;
    lastUpdate: string;
  };
  trend: { bucket: "hour" | "day"; points: TrendPoint[] };
  levels: { level: LevelName; count: number; shown: boolean }[];
  topTypes: { type: string; count: number }[];
  services: KeyCount[];
  ips: KeyCount[];
  topErrors: {
    template: string;
    type: string;
    count: number;
    /** Example lines, newest first (for the drill-down). */
    examples: TemplateExample[];
  }[];
  alerts: SnapshotAlert[];
  /** Every service, for the picker. */
  allServices: string[];
}

/** Counts of one dimension's cells inside the filter, by key id: [errors, total] interleaved. */
function countByKey(
  dim: SnapshotDimension,
  inRange: (hour: number) => boolean,
  levels: readonly boolean[],
  isError: Uint8Array,
  service: number,
): Float64Array {
  const out = new Float64Array(dim.keys.length * 2);
  const { hour, level, key, count } = dim;
  const services = dim.service;
  for (let i = 0; i < count.length; i++) {
    if (service >= 0 && services[i] !== service) continue;
    const l = level[i];
    if (!levels[l] || !inRange(hour[i])) continue;
    const k = key[i] * 2;
    out[k + 1] += count[i];
    if (isError[l] === 1) out[k] += count[i];
  }
  return out;
}

function rate(errors: number, total: number): number {
  return total === 0 ? 0 : errors / total;
}

function byCountThenName<T extends { key: string }>(count: (row: T) => number) {
  return (a: T, b: T) => count(b) - count(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Computes every panel for a filter.
 *
 * @example
 * ```ts
 * import { buildView } from "./view_model.ts";
 * import { initialFilter } from "./filter.ts";
 * // const view = buildView(snapshot, initialFilter());
 * // view.metrics.total === every accepted row
 * ```
 */
export function buildView(snapshot: StoreSnapshot, filter: DashboardFilter): DashboardView {
  const [fromHour, toHour] = hourRange(filter, snapshot.maxTs);
  const inRange = (hour: number) => hour >= fromHour && hour <= toHour;
  const isError = new Uint8Array(LEVEL_COUNT);
  for (const level of snapshot.errorLevels) if (level >= 0) isError[level] = 1;
  const serviceDim = snapshot.dims.service;
  const service = filter.service === null ? -1 : serviceDim.keys.indexOf(filter.service);
  const serviceFilter = filter.service !== null && service < 0 ? -2 : service; // unknown service: nothing

  // Levels and the trend come from the service dimension: it holds every row once.
  const levelTotals = new Float64Array(LEVEL_COUNT);
  const hourly = new Map<number, TrendPoint>();
  let firstHour = Infinity;
  let lastHour = -Infinity;
  {
    const { hour, level, key, count } = serviceDim;
    for (let i = 0; i < count.length; i++) {
      if (serviceFilter !== -1 && key[i] !== serviceFilter) continue;
      const h = hour[i];
      if (!inRange(h)) continue;
      const l = level[i];
      levelTotals[l] += count[i];
      if (!filter.levels[l]) continue;
      let point = hourly.get(h);
      if (!point) hourly.set(h, point = { start: h * MS_PER_HOUR, errors: 0, total: 0 });
      point.total += count[i];
      if (isError[l] === 1) point.errors += count[i];
      if (h < firstHour) firstHour = h;
      if (h > lastHour) lastHour = h;
    }
  }
  let total = 0;
  let errors = 0;
  for (let l = 0; l < LEVEL_COUNT; l++) {
    if (!filter.levels[l]) continue;
    total += levelTotals[l];
    if (isError[l] === 1) errors += levelTotals[l];
  }

  const points: TrendPoint[] = [];
  const daily = lastHour - firstHour + 1 > DAILY_TREND_AFTER_HOURS;
  if (Number.isFinite(firstHour)) {
    const step = daily ? 24 : 1;
    const first = daily ? Math.floor(firstHour / 24) * 24 : firstHour;
    for (let h = first; h <= lastHour; h += step) {
      const point = { start: h * MS_PER_HOUR, errors: 0, total: 0 };
      for (let k = h; k < h + step; k++) {
        const hour = hourly.get(k);
        if (hour) {
          point.errors += hour.errors;
          point.total += hour.total;
        }
      }
      points.push(point);
    }
  }

  const keyCounts = (dim: SnapshotDimension): KeyCount[] => {
    const counts = countByKey(dim, inRange, filter.levels, isError, serviceFilter);
    const rows: KeyCount[] = [];
    for (let k = 0; k < dim.keys.length; k++) {
      const t = counts[k * 2 + 1];
      if (t > 0) {
        rows.push({
          key: dim.keys[k] ?? "",
          errors: counts[k * 2],
          total: t,
          rate: rate(counts[k * 2], t),
        });
      }
    }
    return rows.sort((a, b) =>
      b.errors - a.errors || b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    );
  };
  const named = (rows: KeyCount[]) =>
    rows.map((row) => ({ ...row, key: row.key === "" ? "(none)" : row.key }));

  const types = keyCounts(snapshot.dims.error_type).filter((row) => row.errors > 0);
  const templates = keyCounts(snapshot.dims.template).filter((row) => row.errors > 0);
  const templateIds = new Map(snapshot.dims.template.keys.map((template, id) => [template, id]));

  return {
    metrics: {
      total,
      errors,
      errorRate: rate(errors, total),
      activeAlerts: snapshot.activeAlerts.length,
      rejected: snapshot.rejected,
      firstMs: Number.isFinite(firstHour) ? firstHour * MS_PER_HOUR : NaN,
      lastMs: Number.isFinite(lastHour) ? lastHour * MS_PER_HOUR : NaN,
      lastUpdate: snapshot.finishedAt,
    },
    trend: { bucket: daily ? "day" : "hour", points },
    levels: LEVEL_NAMES.map((level, l) => ({
      level,
      count: levelTotals[l],
      shown: filter.levels[l],
    })),
    topTypes: types.sort(byCountThenName((row) => row.errors)).slice(0, PANEL_ROWS)
      .map((row) => ({ type: row.key, count: row.errors })),
    services: named(keyCounts(serviceDim)).slice(0, PANEL_ROWS),
    ips: named(keyCounts(snapshot.dims.ip)).slice(0, PANEL_ROWS),
    topErrors: templates.sort(byCountThenName((row) => row.errors)).slice(0, PANEL_ROWS).map((
      row,
    ) => ({
      template: row.key,
      type: snapshot.templateType[templateIds.get(row.key) ?? -1] ?? row.key,
      count: row.errors,
      examples: snapshot.templateExamples[templateIds.get(row.key) ?? -1] ?? [],
    })),
    alerts: snapshot.alerts,
    allServices: serviceDim.keys.filter((key) => key !== undefined).sort(),
  };
}
