/**
 * Per-group minute counts (rows, errors, critical rows) with prefix sums, so
 * the sum over any window of minutes costs two subtractions.
 *
 * @module
 */

import type { MinutesPartial } from "../aggregate/partial.ts";
import { Level } from "../model/level.ts";

/** The counts of one group (all services, or one service) over a minute range. */
export class GroupSeries {
  /** First minute covered (minute number since the epoch). */
  readonly first: number;
  /** Prefix sums: entry i sums minutes [first, first + i). */
  readonly #rows: Float64Array;
  readonly #errors: Float64Array;
  readonly #critical: Float64Array;

  constructor(first: number, rows: Float64Array, errors: Float64Array, critical: Float64Array) {
    this.first = first;
    this.#rows = prefixSums(rows);
    this.#errors = prefixSums(errors);
    this.#critical = prefixSums(critical);
  }

  /** Sums over the `length` minutes ending with minute `end` (inclusive). */
  window(end: number, length: number): WindowCounts {
    const hi = clampIndex(end + 1 - this.first, this.#rows.length - 1);
    const lo = clampIndex(end + 1 - length - this.first, this.#rows.length - 1);
    return {
      rows: this.#rows[hi] - this.#rows[lo],
      errors: this.#errors[hi] - this.#errors[lo],
      critical: this.#critical[hi] - this.#critical[lo],
    };
  }
}

/** Counts in one window. */
export interface WindowCounts {
  rows: number;
  errors: number;
  critical: number;
}

/** A group's label: `{}` for all services, `{ service: "api" }` per service. */
export type GroupLabels = Record<string, string>;

/** One group's series and labels. */
export interface Group {
  /** `""` for all services, else e.g. `service=api`. */
  key: string;
  labels: GroupLabels;
  series: GroupSeries;
}

/**
 * Builds the series of every group from the store's minute series.
 *
 * @example
 * ```ts
 * import { buildGroups } from "./window_series.ts";
 * const minutes = { minute: new Int32Array([10, 11]), level: new Uint8Array([3, 1]),
 *   service: new Int32Array([0, 0]), count: new Float64Array([2, 3]) };
 * const [all] = buildGroups(minutes, ["api"], new Uint8Array([0, 0, 0, 1, 1, 0]), false);
 * all.series.window(11, 2); // { rows: 5, errors: 2, critical: 0 }
 * ```
 */
export function buildGroups(
  minutes: MinutesPartial,
  services: readonly string[],
  isError: Uint8Array,
  byService: boolean,
): Group[] {
  if (minutes.minute.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const minute of minutes.minute) {
    if (minute < first) first = minute;
    if (minute > last) last = minute;
  }
  const span = last - first + 1;
  const groupCount = byService ? services.length : 1;
  const rows = Array.from({ length: groupCount }, () => new Float64Array(span));
  const errors = Array.from({ length: groupCount }, () => new Float64Array(span));
  const critical = Array.from({ length: groupCount }, () => new Float64Array(span));
  const seen = new Uint8Array(groupCount);
  for (let i = 0; i < minutes.count.length; i++) {
    const g = byService ? minutes.service[i] : 0;
    const at = minutes.minute[i] - first;
    const n = minutes.count[i];
    const level = minutes.level[i];
    rows[g][at] += n;
    if (isError[level] === 1) errors[g][at] += n;
    if (level === Level.CRITICAL) critical[g][at] += n;
    seen[g] = 1;
  }
  const groups: Group[] = [];
  for (let g = 0; g < groupCount; g++) {
    if (seen[g] === 0) continue;
    const labels: GroupLabels = byService ? { service: services[g] } : {};
    groups.push({
      key: groupKey(labels),
      labels,
      series: new GroupSeries(first, rows[g], errors[g], critical[g]),
    });
  }
  return groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A group's key as shown in alerts.log: `service=api` (`""` for all services).
 *
 * @example
 * ```ts
 * import { groupKey } from "./window_series.ts";
 * groupKey({ service: "api" }); // "service=api"
 * ```
 */
export function groupKey(labels: GroupLabels): string {
  return Object.entries(labels).map(([name, value]) => `${name}=${value}`).join(" ");
}

function prefixSums(values: Float64Array): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = sums[i] + values[i];
  return sums;
}

function clampIndex(index: number, max: number): number {
  return index < 0 ? 0 : index > max ? max : index;
}
