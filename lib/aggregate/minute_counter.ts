/**
 * Rows per (minute, level, service), counted for every row, so it must cost
 * next to nothing: a dense window of minutes × services × levels, indexed
 * directly (logs arrive roughly in time order and have few services), with a
 * hash table for what falls outside it (a far-off timestamp, a hundredth
 * service).
 *
 * @module
 */

import type { MinutesPartial } from "./partial.ts";
import { CellTable } from "./cell_table.ts";

/** Minutes in the dense window, and services it holds. */
const WINDOW_MINUTES = 1024;
const WINDOW_SERVICES = 32;
/** Levels get 8 slots (6 used) so an index is shifts and adds. */
const LEVEL_SLOTS = 8;
/** The window starts a little before the first minute seen: rows are only roughly ordered. */
const LEAD_MINUTES = 64;

/**
 * Counts rows per (minute, level, service).
 *
 * @example
 * ```ts
 * import { MinuteCounter } from "./minute_counter.ts";
 * const counter = new MinuteCounter();
 * counter.add(28_000_000, 3, 0, 1);
 * counter.add(28_000_000, 3, 0, 2);
 * counter.add(1, 3, 0, 1); // far outside the window: counted all the same
 * counter.finish().count; // Float64Array [3, 1]
 * ```
 */
export class MinuteCounter {
  #base = NaN;
  #dense: Float64Array | undefined;
  readonly #outside = new CellTable();
  readonly #outsideMinutes: number[] = [];
  readonly #outsideIndex = new Map<number, number>();

  /** Adds `n` rows of a service at (minute number, level). */
  add(minute: number, level: number, service: number, n: number): void {
    // The window starts at the first minute seen (NaN base: nothing seen yet).
    if (this.#base !== this.#base) this.#placeWindow(minute);
    const m = minute - this.#base;
    if (m >= 0 && m < WINDOW_MINUTES && service < WINDOW_SERVICES) {
      // In range, so `| 0` is exact: the index is then integer arithmetic, not float.
      this.#dense![((((m | 0) * WINDOW_SERVICES) + service) * LEVEL_SLOTS) + level] += n;
      return;
    }
    let index = this.#outsideIndex.get(minute);
    if (index === undefined) {
      index = this.#outsideMinutes.length;
      this.#outsideMinutes.push(minute);
      this.#outsideIndex.set(minute, index);
    }
    this.#outside.add(index, level, service, n);
  }

  #placeWindow(minute: number): void {
    this.#base = minute - LEAD_MINUTES;
    this.#dense ??= new Float64Array(WINDOW_MINUTES * WINDOW_SERVICES * LEVEL_SLOTS);
  }

  /** Forgets every count, keeping the window's memory for reuse. */
  clear(): void {
    this.#base = NaN;
    this.#dense?.fill(0);
    this.#outside.clear();
    this.#outsideMinutes.length = 0;
    this.#outsideIndex.clear();
  }

  /** The counts as parallel arrays (window cells in minute order, then the others). */
  finish(): MinutesPartial {
    const minute: number[] = [];
    const level: number[] = [];
    const service: number[] = [];
    const count: number[] = [];
    const dense = this.#dense;
    if (dense !== undefined) {
      for (let i = 0; i < dense.length; i++) {
        if (dense[i] === 0) continue;
        minute.push(this.#base + Math.floor(i / (WINDOW_SERVICES * LEVEL_SLOTS)));
        service.push(Math.floor(i / LEVEL_SLOTS) % WINDOW_SERVICES);
        level.push(i % LEVEL_SLOTS);
        count.push(dense[i]);
      }
    }
    const outside = this.#outside;
    for (let c = 0; c < outside.size; c++) {
      minute.push(this.#outsideMinutes[outside.hour[c]]);
      level.push(outside.level[c]);
      service.push(outside.key[c]);
      count.push(outside.count[c]);
    }
    return {
      minute: Int32Array.from(minute),
      level: Uint8Array.from(level),
      service: Int32Array.from(service),
      count: Float64Array.from(count),
    };
  }
}
