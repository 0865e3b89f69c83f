/**
 * Reads the store's aggregate back as a {@linkcode PartialAggregate}: an
 * incremental run merges its new partials into it, which gives the same
 * result as scanning everything again because merging is associative and
 * commutative.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { DIMENSIONS, EXAMPLES_PER_TYPE } from "../aggregate/partial.ts";
import type { DimensionPartial, Example, PartialAggregate } from "../aggregate/partial.ts";
import { LEVEL_COUNT, levelIndex } from "../model/level.ts";
import { readCube } from "./cube.ts";
import { readMinuteSeries } from "./minute_series.ts";

/**
 * The stored aggregate; `minTs`/`maxTs` come from the caller (the parse run
 * marker). With `hours`, only those hours' counts are read (keys, pairs and
 * examples always whole, so key ids stay those of the store).
 *
 * @example
 * ```ts
 * import { readAggregate } from "./read_aggregate.ts";
 * // const base = readAggregate(db, { minTs: parseRun.minTs, maxTs: parseRun.maxTs });
 * ```
 */
export function readAggregate(
  db: DatabaseSync,
  range: { minTs: number | null; maxTs: number | null },
  onlyHours?: ReadonlySet<number>,
): PartialAggregate {
  const hourRows =
    (db.prepare("SELECT hour, level, count FROM hour_levels ORDER BY hour").all() as {
      hour: number;
      level: string;
      count: number;
    }[]).filter((row) => onlyHours === undefined || onlyHours.has(row.hour));
  const hours: number[] = [];
  const hourIndex = new Map<number, number>();
  for (const row of hourRows) {
    if (!hourIndex.has(row.hour)) {
      hourIndex.set(row.hour, hours.length);
      hours.push(row.hour);
    }
  }
  const levelCounts = new Float64Array(hours.length * LEVEL_COUNT);
  for (const row of hourRows) {
    levelCounts[hourIndex.get(row.hour)! * LEVEL_COUNT + levelIndex(row.level)] += row.count;
  }

  const dims: DimensionPartial[] = DIMENSIONS.map((dim) => {
    const keyRows = db.prepare(
      "SELECT id, value, first_seen, last_seen FROM dim_keys WHERE dim = ? ORDER BY id",
    ).all(dim) as { id: number; value: string; first_seen: number; last_seen: number }[];
    const keys: string[] = [];
    const first = new Float64Array(keyRows.length);
    const last = new Float64Array(keyRows.length);
    for (const row of keyRows) {
      keys[row.id] = row.value;
      first[row.id] = row.first_seen;
      last[row.id] = row.last_seen;
    }
    const cube = readCube(db, dim, onlyHours);
    const hour = new Int32Array(cube.hour.length);
    for (let c = 0; c < hour.length; c++) {
      const index = hourIndex.get(cube.hour[c]);
      if (index === undefined) throw new Error(`store: cube hour ${cube.hour[c]} has no row count`);
      hour[c] = index;
    }
    return {
      keys,
      first,
      last,
      cells: { hour, level: cube.level, key: cube.key, service: cube.service, count: cube.count },
    };
  });

  const pairRows = db.prepare(
    `SELECT type_id, template_id, count, first_seen, last_seen, example, example_ts
     FROM error_pairs`,
  ).all() as {
    type_id: number;
    template_id: number;
    count: number;
    first_seen: number;
    last_seen: number;
    example: string;
    example_ts: number;
  }[];
  const typeExamples: Example[][] = dims[DIMENSIONS.indexOf("error_type")].keys.map(() => []);
  const exampleRows = db.prepare(
    "SELECT type_id, ts, message FROM type_examples ORDER BY type_id, rank",
  ).all() as { type_id: number; ts: number; message: string }[];
  for (const row of exampleRows) {
    const kept = typeExamples[row.type_id];
    if (kept && kept.length < EXAMPLES_PER_TYPE) kept.push({ ts: row.ts, message: row.message });
  }

  const pairIndex = new Map(pairRows.map((row, i) => [`${row.type_id}:${row.template_id}`, i]));
  const recent: Example[][] = pairRows.map(() => []);
  const recentRows = db.prepare(
    "SELECT type_id, template_id, ts, message FROM pair_recent ORDER BY type_id, template_id, rank",
  ).all() as { type_id: number; template_id: number; ts: number; message: string }[];
  for (const row of recentRows) {
    const i = pairIndex.get(`${row.type_id}:${row.template_id}`);
    if (i !== undefined) recent[i].push({ ts: row.ts, message: row.message });
  }

  return {
    hours,
    levelCounts,
    dims,
    minutes: readMinuteSeries(db, onlyHours),
    templates: dims[DIMENSIONS.indexOf("template")].keys,
    pairs: {
      type: Int32Array.from(pairRows, (row) => row.type_id),
      template: Int32Array.from(pairRows, (row) => row.template_id),
      count: Float64Array.from(pairRows, (row) => row.count),
      first: Float64Array.from(pairRows, (row) => row.first_seen),
      last: Float64Array.from(pairRows, (row) => row.last_seen),
      exampleTs: Float64Array.from(pairRows, (row) => row.example_ts),
      example: pairRows.map((row) => row.example),
      recent,
    },
    typeExamples,
    minTs: range.minTs ?? NaN,
    maxTs: range.maxTs ?? NaN,
  };
}
