/**
 * Test helper: a partial aggregate in a canonical, id-free form (keys by
 * string, sorted), so two aggregates built in different orders compare equal.
 */

import { DIMENSIONS, type PartialAggregate } from "../../lib/aggregate/partial.ts";
import { LEVEL_COUNT } from "../../lib/model/level.ts";

export interface CanonicalAggregate {
  levels: string[];
  dims: Record<string, { keys: string[]; cells: string[] }>;
  pairs: string[];
  typeExamples: string[];
  minTs: number;
  maxTs: number;
}

export function canonical(partial: PartialAggregate): CanonicalAggregate {
  const levels: string[] = [];
  partial.hours.forEach((hour, h) => {
    for (let level = 0; level < LEVEL_COUNT; level++) {
      const n = partial.levelCounts[h * LEVEL_COUNT + level];
      if (n !== 0) levels.push(`${hour}|${level}|${n}`);
    }
  });
  const dims: CanonicalAggregate["dims"] = {};
  partial.dims.forEach((dim, d) => {
    const keys = dim.keys.map((key, id) => `${key}|${dim.first[id]}|${dim.last[id]}`);
    const cells: string[] = [];
    const services = partial.dims[DIMENSIONS.indexOf("service")].keys;
    for (let i = 0; i < dim.cells.count.length; i++) {
      const { hour, level, key, service, count } = dim.cells;
      cells.push(
        `${partial.hours[hour[i]]}|${level[i]}|${dim.keys[key[i]]}|${services[service[i]]}|${
          count[i]
        }`,
      );
    }
    dims[DIMENSIONS[d]] = { keys: keys.sort(), cells: cells.sort() };
  });
  const types = partial.dims[DIMENSIONS.indexOf("error_type")].keys;
  const pairs: string[] = [];
  const p = partial.pairs;
  for (let i = 0; i < p.count.length; i++) {
    pairs.push(
      [
        types[p.type[i]],
        partial.templates[p.template[i]],
        p.count[i],
        p.first[i],
        p.last[i],
        p.exampleTs[i],
        p.example[i],
        (p.recent[i] ?? []).map((e) => `${e.ts}:${e.message}`).join(","),
      ]
        .join("|"),
    );
  }
  const typeExamples = partial.typeExamples.flatMap((examples, t) =>
    examples.length === 0
      ? []
      : [`${types[t]}|${examples.map((e) => `${e.ts}:${e.message}`).join(",")}`]
  );
  return {
    levels: levels.sort(),
    dims,
    pairs: pairs.sort(),
    typeExamples: typeExamples.sort(),
    minTs: partial.minTs,
    maxTs: partial.maxTs,
  };
}
