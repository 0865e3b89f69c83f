/**
 * Sparse counters keyed by (hour index, level, key id, service id): one cell
 * of the cube per combination that occurs. The service coordinate lets every
 * dimension be filtered by service (the dashboard's service filter). Memory
 * follows distinct combinations, never rows.
 *
 * @module
 */

import { grow } from "./string_table.ts";

/** Ints per slot: level, key, sub, cell + 1 (0 = empty). */
const STRIDE = 4;
/** A new hour's dense index: 2^4 keys × 2^2 subs × 8 levels. */
const INITIAL_KEY_BITS = 4;
const INITIAL_SUB_BITS = 2;
/** log2 of the fewest slots an hour gets when it turns into a hash table. */
const INITIAL_HASH_BITS = 10;
const EMPTY = new Int32Array(0);

/**
 * One hour's cells. Logs arrive roughly in time order, so nearly every add
 * touches the current hour, whose index stays small enough to live in the
 * CPU cache; one global table of a million cells would miss on every probe.
 *
 * While the hour's keys and subs are few, the index is a dense array
 * addressed by (key, sub, level), with no hashing; past
 * {@linkcode MAX_DENSE_BITS} it becomes an open-addressing hash table.
 */
interface HourSlots {
  /** Dense mode: cell + 1 (0 = none) at ((key << subBits | sub) << 3 | level); else null. */
  dense: Int32Array | null;
  keyBits: number;
  subBits: number;
  /** Hash mode: four ints per slot (level, key, sub, cell + 1). */
  slots: Int32Array;
  /** 32 − log2(slot count): Fibonacci hashing keeps the high bits. */
  shift: number;
  size: number;
}

/** log2 of the largest dense index (64 Ki entries, 256 KiB). */
const MAX_DENSE_BITS = 16;

/**
 * An open-addressing hash table of counts over (hour, level, key, sub), one
 * small table per hour. Cells get dense indices in insertion order.
 *
 * @example
 * ```ts
 * import { CellTable } from "./cell_table.ts";
 * const cells = new CellTable();
 * cells.add(0, 3, 7, 1);
 * cells.add(0, 3, 7, 2);
 * cells.size; // 1
 * cells.count[0]; // 3
 * ```
 */
export class CellTable {
  /** Hour index of each cell, in insertion order. */
  hour: Int32Array = new Int32Array(256);
  /** Level index of each cell. */
  level: Uint8Array = new Uint8Array(256);
  /** Key id of each cell. */
  key: Int32Array = new Int32Array(256);
  /** Service id of each cell (0 where a table does not use it). */
  sub: Int32Array = new Int32Array(256);
  /** Count of each cell. */
  count: Float64Array = new Float64Array(256);
  /** Number of cells in use. */
  size = 0;
  /** Slots by hour index. */
  readonly #hours: (HourSlots | undefined)[] = [];
  /** The hour of the last add, and its slots: rows come in runs of one hour. */
  #lastHour = -1;
  #lastSlots: HourSlots | undefined;

  /** Empties the table, keeping its arrays' capacity for the next partition's cells. */
  clear(): void {
    this.size = 0;
    this.#hours.length = 0;
    this.#lastHour = -1;
    this.#lastSlots = undefined;
  }

  /** Adds `n` to the cell (hour, level, key, sub) and returns its index. */
  add(hour: number, level: number, key: number, n: number, sub = 0): number {
    // The common case, a cell already in its hour's dense index, is kept
    // small enough for V8 to inline into the per-row loops; the rest is #place.
    const table = this.#lastSlots;
    if (hour === this.#lastHour && table !== undefined) {
      const dense = table.dense;
      if (dense !== null && (key >>> table.keyBits) === 0 && (sub >>> table.subBits) === 0) {
        const entry = dense[(((key << table.subBits) | sub) << 3) | level];
        if (entry !== 0) {
          this.count[entry - 1] += n;
          return entry - 1;
        }
      }
    }
    return this.#place(hour, level, key, n, sub);
  }

  /** {@linkcode add} for a cell not yet in its hour's dense index, another hour, or a hashed hour. */
  #place(hour: number, level: number, key: number, n: number, sub: number): number {
    let table = this.#lastSlots;
    if (hour !== this.#lastHour || table === undefined) {
      table = this.#hours[hour] ?? this.#newHour(hour);
      this.#lastHour = hour;
      this.#lastSlots = table;
    }
    const dense = table.dense;
    if (dense !== null) {
      if ((key >>> table.keyBits) === 0 && (sub >>> table.subBits) === 0) {
        const at = (((key << table.subBits) | sub) << 3) | level;
        const entry = dense[at];
        if (entry !== 0) {
          this.count[entry - 1] += n;
          return entry - 1;
        }
        const cell = this.#newCell(hour, level, key, sub, n);
        dense[at] = cell + 1;
        table.size++;
        return cell;
      }
      this.#widen(table, key, sub);
      return this.#place(hour, level, key, n, sub);
    }
    const slots = table.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = slotOf(level, key, sub, table.shift);
    for (;;) {
      const at = slot << 2;
      const entry = slots[at + 3];
      if (entry === 0) break;
      if (slots[at + 1] === key && slots[at] === level && slots[at + 2] === sub) {
        this.count[entry - 1] += n;
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    const cell = this.#newCell(hour, level, key, sub, n);
    const at = slot << 2;
    slots[at] = level;
    slots[at + 1] = key;
    slots[at + 2] = sub;
    slots[at + 3] = cell + 1;
    if (++table.size * 2 > mask + 1) rehash(table);
    return cell;
  }

  #newCell(hour: number, level: number, key: number, sub: number, n: number): number {
    const cell = this.size++;
    if (cell === this.hour.length) {
      const length = cell * 2;
      this.hour = grow(this.hour, length);
      this.level = grow(this.level, length);
      this.key = grow(this.key, length);
      this.sub = grow(this.sub, length);
      this.count = grow(this.count, length);
    }
    this.hour[cell] = hour;
    this.level[cell] = level;
    this.key[cell] = key;
    this.sub[cell] = sub;
    this.count[cell] = n;
    return cell;
  }

  #newHour(hour: number): HourSlots {
    while (this.#hours.length < hour) this.#hours.push(undefined);
    const table: HourSlots = {
      dense: new Int32Array(1 << (INITIAL_KEY_BITS + INITIAL_SUB_BITS + 3)),
      keyBits: INITIAL_KEY_BITS,
      subBits: INITIAL_SUB_BITS,
      slots: EMPTY,
      shift: 32,
      size: 0,
    };
    this.#hours[hour] = table;
    return table;
  }

  /** Makes room in a dense hour for `key` and `sub`, or turns it into a hash table. */
  #widen(table: HourSlots, key: number, sub: number): void {
    const old = table.dense!;
    let keyBits = table.keyBits;
    let subBits = table.subBits;
    while (key >>> keyBits !== 0) keyBits++;
    while (sub >>> subBits !== 0) subBits++;
    const cells: number[] = [];
    for (let at = 0; at < old.length; at++) if (old[at] !== 0) cells.push(old[at] - 1);
    if (keyBits + subBits + 3 > MAX_DENSE_BITS) {
      let bits = INITIAL_HASH_BITS;
      while ((1 << bits) < cells.length * 4) bits++;
      table.dense = null;
      table.slots = new Int32Array((1 << bits) * STRIDE);
      table.shift = 32 - bits;
      const mask = (1 << bits) - 1;
      for (const cell of cells) {
        let slot = slotOf(this.level[cell], this.key[cell], this.sub[cell], table.shift);
        while (table.slots[(slot << 2) + 3] !== 0) slot = (slot + 1) & mask;
        const at = slot << 2;
        table.slots[at] = this.level[cell];
        table.slots[at + 1] = this.key[cell];
        table.slots[at + 2] = this.sub[cell];
        table.slots[at + 3] = cell + 1;
      }
      return;
    }
    const dense = new Int32Array(1 << (keyBits + subBits + 3));
    for (const cell of cells) {
      dense[(((this.key[cell] << subBits) | this.sub[cell]) << 3) | this.level[cell]] = cell + 1;
    }
    table.dense = dense;
    table.keyBits = keyBits;
    table.subBits = subBits;
  }
}

/** Doubles a table's slots and re-inserts its entries. */
function rehash(table: HourSlots): void {
  const old = table.slots;
  const slots = new Int32Array(old.length * 2);
  const shift = table.shift - 1;
  const mask = (slots.length >> 2) - 1;
  for (let from = 0; from < old.length; from += STRIDE) {
    if (old[from + 3] === 0) continue;
    let slot = slotOf(old[from], old[from + 1], old[from + 2], shift);
    while (slots[(slot << 2) + 3] !== 0) slot = (slot + 1) & mask;
    const to = slot << 2;
    for (let i = 0; i < STRIDE; i++) slots[to + i] = old[from + i];
  }
  table.slots = slots;
  table.shift = shift;
}

/** The slot of a cell's coordinates: the top bits of a multiplicative hash. */
function slotOf(level: number, key: number, sub: number, shift: number): number {
  const h = key ^ Math.imul(level + 1, 0x85ebca6b) ^ Math.imul(sub, 0xc2b2ae35);
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> shift;
}
