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
import type { CellTable } from "./cell_table.ts";
import { Dim, DIMENSIONS } from "./partial.ts";
import type { CellsPartial, MinutesPartial, PartialAggregate } from "./partial.ts";

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
  #finished = false;

  /** Adds one partial aggregate. */
  absorb(partial: PartialAggregate): void {
    if (this.#finished) throw new Error("AggregateMerger: absorb() after result()");
    // One small method per part, plain loops, typed id maps: the main thread
    // merges while both workers scan, so its CPU time is theirs. As one large
    // method, V8 optimized it mid-loop and dropped that code at the next
    // part not yet run, partial after partial.
    const hourIds = this.#absorbHours(partial);
    const keyIds = this.#absorbKeys(partial);
    for (let d = 0; d < partial.dims.length; d++) {
      this.#absorbCells(
        partial.dims[d].cells,
        this.#builder.cells[d],
        hourIds,
        keyIds[d],
        keyIds[Dim.SERVICE],
      );
    }
    this.#absorbMinutes(partial.minutes, keyIds[Dim.SERVICE]);
    this.#absorbPairs(partial, keyIds[Dim.ERROR_TYPE]);
  }

  /** Level counts and the time range; returns the merged index of each of the partial's hours. */
  #absorbHours(partial: PartialAggregate): Int32Array {
    const builder = this.#builder;
    const hourIds = new Int32Array(partial.hours.length);
    for (let h = 0; h < hourIds.length; h++) {
      hourIds[h] = builder.hourIndex(partial.hours[h]);
      for (let level = 0; level < LEVEL_COUNT; level++) {
        const n = partial.levelCounts[h * LEVEL_COUNT + level];
        if (n !== 0) builder.addLevel(hourIds[h], level, n);
      }
    }
    if (!Number.isNaN(partial.minTs)) builder.seenTime(partial.minTs, partial.maxTs);
    return hourIds;
  }

  /** Keys and their first/last seen; returns per dimension the merged id of each of the partial's keys. */
  #absorbKeys(partial: PartialAggregate): Int32Array[] {
    const keyIdsByDim: Int32Array[] = [];
    for (let d = 0; d < partial.dims.length; d++) {
      const dim = partial.dims[d];
      const keyIds = new Int32Array(dim.keys.length);
      for (let k = 0; k < keyIds.length; k++) {
        keyIds[k] = this.#keyId(d, dim.keys[k]);
        // First/last seen belong to keys, not cells: a partial may hold keys whose
        // cells are elsewhere (the store's keys with only some hours' cells).
        this.#builder.seenKey(d, keyIds[k], dim.first[k], dim.last[k]);
      }
      keyIdsByDim.push(keyIds);
    }
    return keyIdsByDim;
  }

  /** Adds one dimension's cell counts (the keys' first/last were merged once per key). */
  #absorbCells(
    { hour, level, key, service, count }: CellsPartial,
    cells: CellTable,
    hourIds: Int32Array,
    keyIds: Int32Array,
    serviceIds: Int32Array,
  ): void {
    for (let i = 0; i < count.length; i++) {
      cells.add(hourIds[hour[i]], level[i], keyIds[key[i]], count[i], serviceIds[service[i]]);
    }
  }

  #absorbMinutes(minutes: MinutesPartial, serviceIds: Int32Array): void {
    const builder = this.#builder;
    for (let i = 0; i < minutes.count.length; i++) {
      builder.addMinute(
        minutes.minute[i],
        minutes.level[i],
        serviceIds[minutes.service[i]],
        minutes.count[i],
      );
    }
  }

  /** (Error type, template) pairs and the examples kept for pairs and types. */
  #absorbPairs(partial: PartialAggregate, typeIds: Int32Array): void {
    const builder = this.#builder;
    const templateIds = new Int32Array(partial.templates.length);
    for (let t = 0; t < templateIds.length; t++) {
      templateIds[t] = this.#keyId(Dim.TEMPLATE, partial.templates[t]);
    }
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
    for (let t = 0; t < partial.typeExamples.length; t++) {
      for (const example of partial.typeExamples[t]) builder.offerTypeExample(typeIds[t], example);
    }
  }

  /**
   * The merged aggregate; the merger is then done (its cells are handed over
   * as views, not copied, and further absorbs are refused).
   */
  result(): PartialAggregate {
    this.#finished = true;
    return this.#builder.finish(true);
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
