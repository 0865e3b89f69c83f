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
import { grow } from "./string_table.ts";

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
 * One page's counts and the slots it has counted. Logs have a few services
 * and levels, so a page uses a fraction of its slots: `finish` and `clear`
 * visit the slots in `touched` rather than the whole page. (Sweeping whole
 * pages made `finish` a hot loop that each worker compiled with TurboFan,
 * ~12 ms a time, for a function run once per partition.)
 */
interface MinutePage {
  counts: Float64Array;
  /** Slots counted since the page was taken, in first-count order. */
  touched: Int32Array;
  size: number;
}

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
  /** The page of the last add (rows come in runs of one page) and its first minute. */
  #lastStart = NaN;
  #last: MinutePage | undefined;
  readonly #pages = new Map<number, MinutePage>();
  /** Pages emptied by {@linkcode clear}, kept for reuse. */
  readonly #spare: MinutePage[] = [];
  readonly #outside = new CellTable();
  readonly #outsideMinutes: number[] = [];
  readonly #outsideIndex = new Map<number, number>();

  /** Adds `n` rows (a count: positive; 0 is ignored) of a service at (minute number, level). */
  add(minute: number, level: number, service: number, n: number): void {
    const m = minute - this.#lastStart;
    if (m >= 0 && m < PAGE_MINUTES && service < PAGE_SERVICES && n !== 0) {
      // In range, so `| 0` is exact: the index is then integer arithmetic, not float.
      const page = this.#last!;
      const at = ((((m | 0) * PAGE_SERVICES) + service) * LEVEL_SLOTS) + level;
      if (page.counts[at] === 0) touch(page, at);
      page.counts[at] += n;
      return;
    }
    if (n !== 0) this.#addElsewhere(minute, level, service, n);
  }

  /** {@linkcode add} for another page than the last, or a service no page holds. */
  #addElsewhere(minute: number, level: number, service: number, n: number): void {
    if (service < PAGE_SERVICES) {
      const number = Math.floor(minute / PAGE_MINUTES);
      const page = this.#pages.get(number) ?? this.#newPage(number);
      if (page !== undefined) {
        this.#lastStart = number * PAGE_MINUTES;
        this.#last = page;
        const at = (((minute - this.#lastStart) * PAGE_SERVICES + service) * LEVEL_SLOTS) + level;
        if (page.counts[at] === 0) touch(page, at);
        page.counts[at] += n;
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

  /** A page for page number `number`, or undefined when the counter keeps its most already. */
  #newPage(number: number): MinutePage | undefined {
    if (this.#pages.size >= MAX_PAGES) return undefined;
    const page = this.#spare.pop() ??
      { counts: new Float64Array(PAGE_LENGTH), touched: new Int32Array(1024), size: 0 };
    this.#pages.set(number, page);
    return page;
  }

  /** Forgets every count, keeping the pages' memory for reuse. */
  clear(): void {
    for (const page of this.#pages.values()) {
      if (this.#spare.length >= SPARE_PAGES) break;
      for (let t = 0; t < page.size; t++) page.counts[page.touched[t]] = 0;
      page.size = 0;
      this.#spare.push(page);
    }
    this.#pages.clear();
    this.#lastStart = NaN;
    this.#last = undefined;
    this.#outside.clear();
    this.#outsideMinutes.length = 0;
    this.#outsideIndex.clear();
  }

  /** The counts as parallel arrays (page cells in minute order, then the others). */
  finish(): MinutesPartial {
    const numbers = [...this.#pages.keys()].sort((a, b) => a - b);
    let cells = this.#outside.size;
    for (const page of this.#pages.values()) cells += page.size;
    const minute = new Int32Array(cells);
    const level = new Uint8Array(cells);
    const service = new Int32Array(cells);
    const count = new Float64Array(cells);
    let c = 0;
    for (const number of numbers) {
      const page = this.#pages.get(number)!;
      // A slot's order is (minute, service, level): sorted slots list cells in minute order.
      const slots = page.touched.subarray(0, page.size).sort();
      const first = number * PAGE_MINUTES;
      for (let t = 0; t < slots.length; t++) {
        const at = slots[t];
        minute[c] = first + (at >> 8);
        service[c] = (at >> 3) & (PAGE_SERVICES - 1);
        level[c] = at & (LEVEL_SLOTS - 1);
        count[c++] = page.counts[at];
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

/** Records the page's first count at slot `at`. */
function touch(page: MinutePage, at: number): void {
  if (page.size === page.touched.length) page.touched = grow(page.touched, page.size * 2);
  page.touched[page.size++] = at;
}
