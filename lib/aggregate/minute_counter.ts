/**
 * Rows per (minute, level, service), counted for every row, so it must cost
 * next to nothing: dense pages of minutes × services × levels, indexed
 * directly (logs arrive roughly in time order and have few services), with a
 * hash table for what no page holds (a hundredth service, or minutes spread
 * over more pages than a counter keeps).
 *
 * Pages are aligned blocks of {@linkcode PAGE_MINUTES} minutes, so a counter
 * merging days of partials keeps them all dense (one window placed at the
 * first minute seen held 17 hours; the merged run's other minutes went
 * through the hash table, and listing them at the end cost the main thread
 * tens of ms after the last partition).
 *
 * @module
 */

import type { MinutesPartial } from "./partial.ts";
import { CellTable } from "./cell_table.ts";

/** Minutes in a page (aligned: page p holds minutes [p × 256, p × 256 + 256)). */
const PAGE_MINUTES = 256;
/** Services a page holds. */
const PAGE_SERVICES = 32;
/** Levels get 8 slots (6 used) so an index is shifts and adds. */
const LEVEL_SLOTS = 8;
/** Float64s per page (512 KiB). */
const PAGE_LENGTH = PAGE_MINUTES * PAGE_SERVICES * LEVEL_SLOTS;
/** Pages a counter holds at most (16 MiB; 5.7 days of minutes). */
const MAX_PAGES = 32;
/** Emptied pages kept for reuse (a worker's partition spans one or two). */
const SPARE_PAGES = 4;

/**
 * Counts rows per (minute, level, service).
 *
 * @example
 * ```ts
 * import { MinuteCounter } from "./minute_counter.ts";
 * const counter = new MinuteCounter();
 * counter.add(28_000_000, 3, 0, 1);
 * counter.add(28_000_000, 3, 0, 2);
 * counter.add(1, 3, 0, 1); // another page: counted all the same
 * counter.finish().count; // Float64Array [1, 3]
 * ```
 */
export class MinuteCounter {
  /** The page of the last add (rows come in runs of one page): its first minute and counts. */
  #lastStart = NaN;
  #last: Float64Array | undefined;
  readonly #pages = new Map<number, Float64Array>();
  /** Pages emptied by {@linkcode clear}, kept for reuse. */
  readonly #spare: Float64Array[] = [];
  readonly #outside = new CellTable();
  readonly #outsideMinutes: number[] = [];
  readonly #outsideIndex = new Map<number, number>();
  /** One past the largest service id counted on a page: finish() reads no further. */
  #pageServices = 0;

  /** Adds `n` rows of a service at (minute number, level). */
  add(minute: number, level: number, service: number, n: number): void {
    const m = minute - this.#lastStart;
    if (m >= 0 && m < PAGE_MINUTES && service < PAGE_SERVICES) {
      // In range, so `| 0` is exact: the index is then integer arithmetic, not float.
      this.#last![((((m | 0) * PAGE_SERVICES) + service) * LEVEL_SLOTS) + level] += n;
      if (service >= this.#pageServices) this.#pageServices = service + 1;
      return;
    }
    this.#addElsewhere(minute, level, service, n);
  }

  /** {@linkcode add} for another page than the last, or a service no page holds. */
  #addElsewhere(minute: number, level: number, service: number, n: number): void {
    if (service < PAGE_SERVICES) {
      const page = Math.floor(minute / PAGE_MINUTES);
      const counts = this.#pages.get(page) ?? this.#newPage(page);
      if (counts !== undefined) {
        this.#lastStart = page * PAGE_MINUTES;
        this.#last = counts;
        const m = minute - this.#lastStart;
        counts[(((m * PAGE_SERVICES) + service) * LEVEL_SLOTS) + level] += n;
        if (service >= this.#pageServices) this.#pageServices = service + 1;
        return;
      }
    }
    let index = this.#outsideIndex.get(minute);
    if (index === undefined) {
      index = this.#outsideMinutes.length;
      this.#outsideMinutes.push(minute);
      this.#outsideIndex.set(minute, index);
    }
    this.#outside.add(index, level, service, n);
  }

  /** A page for `page`, or undefined when the counter keeps its most already. */
  #newPage(page: number): Float64Array | undefined {
    if (this.#pages.size >= MAX_PAGES) return undefined;
    const counts = this.#spare.pop() ?? new Float64Array(PAGE_LENGTH);
    this.#pages.set(page, counts);
    return counts;
  }

  /** Forgets every count, keeping the pages' memory for reuse. */
  clear(): void {
    for (const counts of this.#pages.values()) {
      if (this.#spare.length >= SPARE_PAGES) break;
      counts.fill(0);
      this.#spare.push(counts);
    }
    this.#pages.clear();
    this.#lastStart = NaN;
    this.#last = undefined;
    this.#outside.clear();
    this.#outsideMinutes.length = 0;
    this.#outsideIndex.clear();
    this.#pageServices = 0;
  }

  /** The counts as parallel arrays (page cells in minute order, then the others). */
  finish(): MinutesPartial {
    // Only the services counted: a page has room for 32, logs mostly have a few.
    const services = this.#pageServices;
    const pages = [...this.#pages.keys()].sort((a, b) => a - b);
    let cells = this.#outside.size;
    for (const page of pages) {
      const counts = this.#pages.get(page)!;
      for (let m = 0; m < PAGE_MINUTES; m++) {
        const end = (m * PAGE_SERVICES + services) * LEVEL_SLOTS;
        for (let i = m * PAGE_SERVICES * LEVEL_SLOTS; i < end; i++) if (counts[i] !== 0) cells++;
      }
    }
    const minute = new Int32Array(cells);
    const level = new Uint8Array(cells);
    const service = new Int32Array(cells);
    const count = new Float64Array(cells);
    let c = 0;
    for (const page of pages) {
      const counts = this.#pages.get(page)!;
      const first = page * PAGE_MINUTES;
      for (let m = 0; m < PAGE_MINUTES; m++) {
        for (let s = 0; s < services; s++) {
          const at = (m * PAGE_SERVICES + s) * LEVEL_SLOTS;
          for (let l = 0; l < LEVEL_SLOTS; l++) {
            if (counts[at + l] === 0) continue;
            minute[c] = first + m;
            service[c] = s;
            level[c] = l;
            count[c++] = counts[at + l];
          }
        }
      }
    }
    const outside = this.#outside;
    for (let o = 0; o < outside.size; o++) {
      minute[c] = this.#outsideMinutes[outside.hour[o]];
      level[c] = outside.level[o];
      service[c] = outside.key[o];
      count[c++] = outside.count[o];
    }
    return { minute, level, service, count };
  }
}
