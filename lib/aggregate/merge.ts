/**
 * Merging partial aggregates on the main thread. Keys are matched by string,
 * counts added, first/last seen widened and examples kept by a total order,
 * so merging is associative and commutative: any partitioning of the input
 * and any completion order of the workers give the same aggregate.
 *
 * @module
 */

import { LEVEL_COUNT } from "../model/level.ts";
import { AggregateBuilder } from "./builder.ts";
import { Dim, DIMENSIONS } from "./partial.ts";
import type { PartialAggregate } from "./partial.ts";

/**
 * Accumulates partials into one aggregate.
 *
 * @example
 * ```ts
 * import { AggregateMerger } from "./merge.ts";
 * import { AggregateBuilder } from "./builder.ts";
 * const merger = new AggregateMerger();
 * merger.absorb(new AggregateBuilder().finish());
 * merger.result().hours.length; // 0
 * ```
 */
export class AggregateMerger {
  readonly #builder = new AggregateBuilder();
  readonly #keyIds: Map<string, number>[] = DIMENSIONS.map(() => new Map());

  /** Adds one partial aggregate. */
  absorb(partial: PartialAggregate): void {
    const builder = this.#builder;
    const hourIds = partial.hours.map((hour) => builder.hourIndex(hour));
    for (let h = 0; h < hourIds.length; h++) {
      for (let level = 0; level < LEVEL_COUNT; level++) {
        const n = partial.levelCounts[h * LEVEL_COUNT + level];
        if (n !== 0) builder.addLevel(hourIds[h], level, n);
      }
    }
    if (!Number.isNaN(partial.minTs)) builder.seenTime(partial.minTs, partial.maxTs);

    const keyIdsByDim = partial.dims.map((dim, d) => dim.keys.map((key) => this.#keyId(d, key)));
    // First/last seen belong to keys, not cells: a partial may hold keys whose
    // cells are elsewhere (the store's keys with only some hours' cells).
    partial.dims.forEach((dim, d) =>
      keyIdsByDim[d].forEach((id, k) => builder.seenKey(d, id, dim.first[k], dim.last[k]))
    );
    const serviceIds = keyIdsByDim[DIMENSIONS.indexOf("service")];
    partial.dims.forEach((dim, d) => {
      const keyIds = keyIdsByDim[d];
      const cells = builder.cells[d];
      const { hour, level, key, service, count } = dim.cells;
      // Only counts here: the keys' first/last were merged above, once per key.
      for (let i = 0; i < count.length; i++) {
        cells.add(hourIds[hour[i]], level[i], keyIds[key[i]], count[i], serviceIds[service[i]]);
      }
    });

    const minutes = partial.minutes;
    for (let i = 0; i < minutes.count.length; i++) {
      builder.addMinute(
        minutes.minute[i],
        minutes.level[i],
        serviceIds[minutes.service[i]],
        minutes.count[i],
      );
    }

    const typeIds = keyIdsByDim[DIMENSIONS.indexOf("error_type")];
    const templateIds = partial.templates.map((template) => this.#keyId(Dim.TEMPLATE, template));
    const pairs = partial.pairs;
    for (let i = 0; i < pairs.count.length; i++) {
      const pair = builder.addPair(
        typeIds[pairs.type[i]],
        templateIds[pairs.template[i]],
        pairs.count[i],
        pairs.first[i],
        pairs.last[i],
      );
      builder.offerPairExample(pair, pairs.exampleTs[i], pairs.example[i]);
      for (const example of pairs.recent[i] ?? []) builder.offerPairRecent(pair, example);
    }
    partial.typeExamples.forEach((examples, t) => {
      for (const example of examples) builder.offerTypeExample(typeIds[t], example);
    });
  }

  /** The merged aggregate. */
  result(): PartialAggregate {
    return this.#builder.finish();
  }

  #keyId(dim: number, key: string): number {
    const ids = this.#keyIds[dim];
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      this.#builder.keys[dim].push(key);
    }
    return id;
  }
}

/**
 * Merges partial aggregates into one.
 *
 * @example
 * ```ts
 * import { mergeAggregates } from "./merge.ts";
 * import { AggregateBuilder } from "./builder.ts";
 * const empty = new AggregateBuilder().finish();
 * mergeAggregates([empty, empty]).levelCounts.length; // 0
 * ```
 */
export function mergeAggregates(partials: readonly PartialAggregate[]): PartialAggregate {
  const merger = new AggregateMerger();
  for (const partial of partials) merger.absorb(partial);
  return merger.result();
}
