/**
 * The row kernel's counts: rows of one hour summed per cell in WebAssembly,
 * so the host adds a cell once instead of a row at a time. The layout below
 * is mirrored in `wasm/indexer.wat` (the kernel region's counts, at
 * {@linkcode COUNTS_OFFSET}).
 *
 * A row is counted when its key 0 id (the cells' sub coordinate) is below
 * {@linkcode COUNT_SUBS}, its key 1 and key 2 ids below {@linkcode COUNT_KEYS},
 * and it lies in the counts' hour. Cells are numbered
 * `(coordinate × 32 + sub) × 8 + level`, where the coordinate is the minute of
 * the hour (minute cells) or the key 1 or key 2 id.
 *
 * @module
 */

/** Where the counts start in the kernel's region. */
export const COUNTS_OFFSET = 2392064 + 4096 * 144;
/** Key 0 ids the counts hold (the sub coordinate of every cell). */
export const COUNT_SUBS = 32;
/** Key 1 and key 2 ids the counts hold. */
export const COUNT_KEYS = 512;
const MINUTE_CELLS = 60 * COUNT_SUBS * 8;
const KEY_CELLS = COUNT_KEYS * COUNT_SUBS * 8;

// Byte offsets of the arrays from the counts' start, each following the one
// before (the literals in indexer.wat: 64, 320, 576, … 1712704).
const FIRST0 = 64;
const LAST0 = FIRST0 + 8 * COUNT_SUBS;
const FIRST1 = LAST0 + 8 * COUNT_SUBS;
const LAST1 = FIRST1 + 8 * COUNT_KEYS;
const FIRST2 = LAST1 + 8 * COUNT_KEYS;
const LAST2 = FIRST2 + 8 * COUNT_KEYS;
const MINUTES = LAST2 + 8 * COUNT_KEYS;
const KEY1 = MINUTES + 4 * MINUTE_CELLS;
const KEY2 = KEY1 + 4 * KEY_CELLS;
const MINUTE_LIST = KEY2 + 4 * KEY_CELLS;
const KEY1_LIST = MINUTE_LIST + 4 * MINUTE_CELLS;
const KEY2_LIST = KEY1_LIST + 4 * KEY_CELLS;
/** Bytes of the counts. */
export const COUNTS_BYTES = KEY2_LIST + 4 * KEY_CELLS;

/** Int32 slots of the counts' header (slots 2 and 3 hold the hour number, an f64). */
const Header = {
  ENABLED: 0,
  HAS_HOUR: 1,
  MINUTE_TOUCHED: 4,
  KEY1_TOUCHED: 5,
  KEY2_TOUCHED: 6,
  COUNTED_NEWLINES: 7,
  STOP_REASON: 8,
  ROWS_WRITTEN: 9,
} as const;

/** Why the last scan stopped, besides reaching a record it leaves to JavaScript. */
export const StopReason = {
  /** Not for a reason of its own: a record the kernel does not settle, or the end of the bytes. */
  OTHER: 0,
  /** Its output rows are full. */
  ROWS_FULL: 1,
  /** The counts must be taken before the next row (another hour, or a row they cannot hold). */
  TAKE_COUNTS: 2,
} as const;

/** The cells of one dimension the counts hold: their counts, touched list and the keys' times. */
export interface CountCells {
  /** Rows per cell (zero again once taken). */
  readonly cells: Int32Array;
  /** Cells touched since the counts were last taken, in first-touch order. */
  readonly touched: Int32Array;
  /** Per coordinate: its first and last time among the counted rows (±Infinity: none). */
  readonly first: Float64Array;
  readonly last: Float64Array;
}

/**
 * Views of the counts in a kernel region (made again whenever the memory's
 * buffer changes).
 *
 * @example
 * ```ts
 * import { KernelCounts } from "./kernel_counts.ts";
 * const region = new ArrayBuffer(4 << 20);
 * const counts = new KernelCounts(region, 0);
 * counts.reset(true);
 * counts.hasHour; // false
 * ```
 */
export class KernelCounts {
  readonly #header: Int32Array;
  readonly #hour: Float64Array;
  /** Minute cells; `first`/`last` are key 0's. */
  readonly minutes: CountCells;
  /** Key 1's cells and times. */
  readonly key1: CountCells;
  /** Key 2's cells and times. */
  readonly key2: CountCells;

  /** Views of the counts at byte `offset` of `buffer`. */
  constructor(buffer: ArrayBuffer, offset: number) {
    const f64 = (at: number, n: number) => new Float64Array(buffer, offset + at, n);
    const i32 = (at: number, n: number) => new Int32Array(buffer, offset + at, n);
    this.#header = i32(0, 16);
    this.#hour = f64(8, 1);
    this.minutes = {
      cells: i32(MINUTES, MINUTE_CELLS),
      touched: i32(MINUTE_LIST, MINUTE_CELLS),
      first: f64(FIRST0, COUNT_SUBS),
      last: f64(LAST0, COUNT_SUBS),
    };
    this.key1 = {
      cells: i32(KEY1, KEY_CELLS),
      touched: i32(KEY1_LIST, KEY_CELLS),
      first: f64(FIRST1, COUNT_KEYS),
      last: f64(LAST1, COUNT_KEYS),
    };
    this.key2 = {
      cells: i32(KEY2, KEY_CELLS),
      touched: i32(KEY2_LIST, KEY_CELLS),
      first: f64(FIRST2, COUNT_KEYS),
      last: f64(LAST2, COUNT_KEYS),
    };
  }

  /** Empties the counts (cells zero, times ±Infinity) and turns counting on or off. */
  reset(enabled: boolean): void {
    for (const dim of [this.minutes, this.key1, this.key2]) {
      dim.cells.fill(0);
      dim.first.fill(Infinity);
      dim.last.fill(-Infinity);
    }
    this.#header.fill(0);
    this.#header[Header.ENABLED] = enabled ? 1 : 0;
  }

  /**
   * Turns counting off, the counts being empty (taken): the kernel then
   * writes every row out, as without counts.
   */
  disable(): void {
    this.#header[Header.ENABLED] = 0;
  }

  /** Whether the counts hold rows (of hour {@linkcode hour}). */
  get hasHour(): boolean {
    return this.#header[Header.HAS_HOUR] === 1;
  }

  /** The hour number (epoch ms / 3,600,000, floored) of the rows held. */
  get hour(): number {
    return this.#hour[0];
  }

  /** Touched cells of the minute, key 1 and key 2 tables. */
  get minuteCells(): number {
    return this.#header[Header.MINUTE_TOUCHED];
  }
  get key1Cells(): number {
    return this.#header[Header.KEY1_TOUCHED];
  }
  get key2Cells(): number {
    return this.#header[Header.KEY2_TOUCHED];
  }

  /** Line feeds of the last scan's counted rows that it wrote no output row for. */
  get countedNewlines(): number {
    return this.#header[Header.COUNTED_NEWLINES];
  }

  /** Why the last scan stopped (see {@linkcode StopReason}). */
  get stopReason(): number {
    return this.#header[Header.STOP_REASON];
  }

  /** Output rows the last scan wrote. */
  get rowsWritten(): number {
    return this.#header[Header.ROWS_WRITTEN];
  }

  /**
   * Marks the counts taken: the caller has read every touched cell and set
   * it back to zero, and every time back to ±Infinity.
   */
  taken(): void {
    const header = this.#header;
    header[Header.HAS_HOUR] = 0;
    header[Header.MINUTE_TOUCHED] = 0;
    header[Header.KEY1_TOUCHED] = 0;
    header[Header.KEY2_TOUCHED] = 0;
  }
}
