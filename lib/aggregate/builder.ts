/**
 * Builds a {@linkcode PartialAggregate} incrementally. Workers feed it rows
 * (with ids from their own string tables); the main thread feeds it other
 * partials (with ids remapped by string). Both paths use the same counters, so
 * a worker's output and a merge result have one shape.
 *
 * @module
 */

import { LEVEL_COUNT } from "../model/level.ts";
import { CellTable } from "./cell_table.ts";
import { MinuteCounter } from "./minute_counter.ts";
import { Dim, DIMENSIONS, EXAMPLES_PER_TYPE, RECENT_PER_PAIR } from "./partial.ts";
import type { DimensionPartial, Example, PartialAggregate } from "./partial.ts";
import { grow } from "./string_table.ts";

/** Recent examples are kept one per this many milliseconds of log time (10 minutes). */
const RECENT_BUCKET_MS = 600_000;

/** Orders examples by time, then text: a total order, so picking the least is merge-safe. */
export function compareExamples(a: Example, b: Example): number {
  return a.ts - b.ts || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * Mutable aggregate state with typed-array counters.
 *
 * @example
 * ```ts
 * import { AggregateBuilder } from "./builder.ts";
 * import { Level } from "../model/level.ts";
 * const builder = new AggregateBuilder();
 * const hour = builder.hourIndex(473_000);
 * builder.addLevel(hour, Level.ERROR, 1);
 * builder.finish().levelCounts[Level.ERROR]; // 1
 * ```
 */
export class AggregateBuilder {
  /** Hour numbers (epoch ms / 3,600,000) by hour index. */
  readonly hours: number[] = [];
  /** Counts by (hour index × 6 + level). */
  levelCounts: Float64Array = new Float64Array(LEVEL_COUNT * 64);
  /** Per dimension: distinct keys by id (filled by whoever assigns ids). */
  readonly keys: string[][] = DIMENSIONS.map(() => []);
  /** Per dimension: first seen time by key id. */
  readonly first: Float64Array[] = DIMENSIONS.map(() => new Float64Array(64).fill(Infinity));
  /** Per dimension: last seen time by key id. */
  readonly last: Float64Array[] = DIMENSIONS.map(() => new Float64Array(64).fill(-Infinity));
  /** Per dimension: the (hour, level, key) cells. */
  readonly cells: CellTable[] = DIMENSIONS.map(() => new CellTable());
  /** Template strings by id: the template dimension's keys. */
  get templates(): string[] {
    return this.keys[Dim.TEMPLATE];
  }
  set templates(templates: string[]) {
    this.keys[Dim.TEMPLATE] = templates;
  }
  /** Rows per (minute, level, service). */
  readonly #minutes = new MinuteCounter();
  /** (error type, template) pairs: a cell table keyed by (type, 0, template). */
  readonly pairs: CellTable = new CellTable();
  pairFirst: Float64Array = new Float64Array(256).fill(Infinity);
  pairLast: Float64Array = new Float64Array(256).fill(-Infinity);
  pairExampleTs: Float64Array = new Float64Array(256).fill(Infinity);
  readonly pairExample: string[] = [];
  /** Per pair: recent examples, newest 10-minute period first, one per period. */
  readonly pairRecent: Example[][] = [];
  /** Per error type id: kept examples, ascending by (ts, message). */
  readonly typeExamples: Example[][] = [];
  minTs = Infinity;
  maxTs = -Infinity;
  #hourMap = new Map<number, number>();
  #lastHour = NaN;
  #lastHourIndex = -1;

  /**
   * Empties the builder for another partition, as if new but keeping its
   * arrays' capacity. (A worker reuses one: new objects each partition gave
   * V8's optimized code new maps and arrays to deoptimize on.)
   */
  reset(): void {
    this.hours.length = 0;
    this.levelCounts.fill(0);
    for (let dim = 0; dim < DIMENSIONS.length; dim++) {
      this.keys[dim] = [];
      this.first[dim].fill(Infinity);
      this.last[dim].fill(-Infinity);
      this.cells[dim].clear();
    }
    this.#minutes.clear();
    this.pairs.clear();
    this.pairFirst.fill(Infinity);
    this.pairLast.fill(-Infinity);
    this.pairExampleTs.fill(Infinity);
    this.pairExample.length = 0;
    this.pairRecent.length = 0;
    this.typeExamples.length = 0;
    this.minTs = Infinity;
    this.maxTs = -Infinity;
    this.#hourMap.clear();
    this.#lastHour = NaN;
    this.#lastHourIndex = -1;
  }

  /** The index of an hour number, adding it when new. */
  hourIndex(hour: number): number {
    // Small enough for V8 to inline into the per-row fold; new hours go out of line.
    return hour === this.#lastHour ? this.#lastHourIndex : this.#switchHour(hour);
  }

  #switchHour(hour: number): number {
    let index = this.#hourMap.get(hour);
    if (index === undefined) {
      index = this.hours.length;
      this.hours.push(hour);
      this.#hourMap.set(hour, index);
      if ((index + 1) * LEVEL_COUNT > this.levelCounts.length) {
        this.levelCounts = grow(this.levelCounts, this.levelCounts.length * 2);
      }
    }
    this.#lastHour = hour;
    this.#lastHourIndex = index;
    return index;
  }

  /** Adds `n` rows of a service at (minute number since the epoch, level). */
  addMinute(minute: number, level: number, service: number, n: number): void {
    this.#minutes.add(minute, level, service, n);
  }

  /** Adds `n` rows at (hour index, level). */
  addLevel(hour: number, level: number, n: number): void {
    this.levelCounts[hour * LEVEL_COUNT + level] += n;
  }

  /** Widens the time range. */
  seenTime(first: number, last: number): void {
    if (first < this.minTs) this.minTs = first;
    if (last > this.maxTs) this.maxTs = last;
  }

  /** Adds `n` rows of a service at (hour index, level, key) of a dimension, seen from `first` to `last`. */
  addKey(
    dim: number,
    hour: number,
    level: number,
    key: number,
    n: number,
    first: number,
    last: number,
    service: number,
  ): void {
    this.cells[dim].add(hour, level, key, n, service);
    this.seenKey(dim, key, first, last);
  }

  /** Widens the first/last seen times of a key without counting. */
  seenKey(dim: number, key: number, first: number, last: number): void {
    // Kept small so V8 inlines it into the fold: a call would box both times.
    if (key >= this.first[dim].length) this.#growKeyTimes(dim, key);
    const firsts = this.first[dim];
    const lasts = this.last[dim];
    if (first < firsts[key]) firsts[key] = first;
    if (last > lasts[key]) lasts[key] = last;
  }

  #growKeyTimes(dim: number, key: number): void {
    const length = Math.max(key + 1, this.first[dim].length * 2);
    this.first[dim] = growFilled(this.first[dim], length, Infinity);
    this.last[dim] = growFilled(this.last[dim], length, -Infinity);
  }

  /** Adds `n` errors of (type, template) seen from `first` to `last`; returns the pair index. */
  addPair(type: number, template: number, n: number, first: number, last: number): number {
    const pair = this.pairs.add(type, 0, template, n);
    if (pair >= this.pairFirst.length) {
      const length = this.pairFirst.length * 2;
      this.pairFirst = growFilled(this.pairFirst, length, Infinity);
      this.pairLast = growFilled(this.pairLast, length, -Infinity);
      this.pairExampleTs = growFilled(this.pairExampleTs, length, Infinity);
    }
    if (pair === this.pairExample.length) this.pairExample.push("");
    if (first < this.pairFirst[pair]) this.pairFirst[pair] = first;
    if (last > this.pairLast[pair]) this.pairLast[pair] = last;
    return pair;
  }

  /** Whether an example logged at `ts` could replace the pair's example (decode only then). */
  pairWantsExample(pair: number, ts: number): boolean {
    return ts <= this.pairExampleTs[pair];
  }

  /** Keeps `message` as the pair's example when it is the least by (ts, message). */
  offerPairExample(pair: number, ts: number, message: string): void {
    const keptTs = this.pairExampleTs[pair];
    if (ts < keptTs || (ts === keptTs && message < this.pairExample[pair])) {
      this.pairExampleTs[pair] = ts;
      this.pairExample[pair] = message;
    }
  }

  /** Whether a message logged at `ts` could enter the pair's recent examples (decode only then). */
  pairWantsRecent(pair: number, ts: number): boolean {
    const kept = this.pairRecent[pair];
    if (kept === undefined || kept.length === 0) return true;
    const period = Math.floor(ts / RECENT_BUCKET_MS);
    for (const example of kept) {
      const keptPeriod = Math.floor(example.ts / RECENT_BUCKET_MS);
      if (keptPeriod === period) return ts <= example.ts;
      if (keptPeriod < period) return true;
    }
    return kept.length < RECENT_PER_PAIR;
  }

  /**
   * Offers a recent example: kept if its 10-minute period is among the pair's
   * newest {@linkcode RECENT_PER_PAIR}, and it is the least by (ts, message) of its period.
   */
  offerPairRecent(pair: number, example: Example): void {
    while (this.pairRecent.length <= pair) this.pairRecent.push([]);
    const kept = this.pairRecent[pair];
    const period = Math.floor(example.ts / RECENT_BUCKET_MS);
    let at = 0;
    while (at < kept.length && Math.floor(kept[at].ts / RECENT_BUCKET_MS) > period) at++;
    if (at < kept.length && Math.floor(kept[at].ts / RECENT_BUCKET_MS) === period) {
      if (compareExamples(example, kept[at]) < 0) kept[at] = example;
      return;
    }
    if (at >= RECENT_PER_PAIR) return;
    kept.splice(at, 0, example);
    if (kept.length > RECENT_PER_PAIR) kept.pop();
  }

  /** Whether an example logged at `ts` could enter the type's kept examples. */
  typeWantsExample(type: number, ts: number): boolean {
    const kept = this.typeExamples[type];
    return kept === undefined || kept.length < EXAMPLES_PER_TYPE || ts <= kept[kept.length - 1].ts;
  }

  /** Offers an example for an error type; keeps the least few distinct by (ts, message). */
  offerTypeExample(type: number, example: Example): void {
    let kept = this.typeExamples[type];
    if (kept === undefined) {
      while (this.typeExamples.length <= type) this.typeExamples.push([]);
      kept = this.typeExamples[type];
    }
    let at = kept.length;
    while (at > 0 && compareExamples(example, kept[at - 1]) < 0) at--;
    if (at > 0 && compareExamples(example, kept[at - 1]) === 0) return;
    if (at >= EXAMPLES_PER_TYPE) return;
    kept.splice(at, 0, example);
    if (kept.length > EXAMPLES_PER_TYPE) kept.pop();
  }

  /**
   * The current state as a {@linkcode PartialAggregate}: arrays are copies
   * sized to fit, or with `shared` views of the builder's own (no copying a
   * merged cube of a million cells; for a builder that is done, as adding
   * to it would change them).
   */
  finish(shared = false): PartialAggregate {
    const fit = shared ? view : copy;
    const dims: DimensionPartial[] = DIMENSIONS.map((_, dim) => {
      const cells = this.cells[dim];
      const keyCount = this.keys[dim].length;
      return {
        keys: this.keys[dim].slice(),
        first: fitFilled(this.first[dim], keyCount, Infinity),
        last: fitFilled(this.last[dim], keyCount, -Infinity),
        cells: {
          hour: fit(cells.hour, cells.size),
          level: fit(cells.level, cells.size),
          key: fit(cells.key, cells.size),
          service: fit(cells.sub, cells.size),
          count: fit(cells.count, cells.size),
        },
      };
    });
    const pairCount = this.pairs.size;
    const type = this.pairs.hour.slice(0, pairCount);
    const template = this.pairs.key.slice(0, pairCount);
    const typeCount = this.keys[DIMENSIONS.indexOf("error_type")].length;
    const typeExamples: Example[][] = [];
    for (let t = 0; t < typeCount; t++) typeExamples.push((this.typeExamples[t] ?? []).slice());
    return {
      hours: this.hours.slice(),
      levelCounts: this.levelCounts.slice(0, this.hours.length * LEVEL_COUNT),
      dims,
      minutes: this.#minutes.finish(),
      templates: this.templates.slice(),
      pairs: {
        type,
        template,
        count: this.pairs.count.slice(0, pairCount),
        first: this.pairFirst.slice(0, pairCount),
        last: this.pairLast.slice(0, pairCount),
        exampleTs: this.pairExampleTs.slice(0, pairCount),
        example: this.pairExample.slice(0, pairCount),
        recent: Array.from({ length: pairCount }, (_, p) => (this.pairRecent[p] ?? []).slice()),
      },
      typeExamples,
      minTs: this.minTs === Infinity ? NaN : this.minTs,
      maxTs: this.maxTs === -Infinity ? NaN : this.maxTs,
    };
  }
}

function copy<T extends Int32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  return array.slice(0, length) as T;
}

function view<T extends Int32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  return array.subarray(0, length) as T;
}

function growFilled(array: Float64Array, length: number, fill: number): Float64Array {
  const next = new Float64Array(length).fill(fill);
  next.set(array);
  return next;
}

function fitFilled(array: Float64Array, length: number, fill: number): Float64Array {
  return array.length >= length ? array.slice(0, length) : growFilled(array, length, fill);
}
