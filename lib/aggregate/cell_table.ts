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
/** log2 of a new hour's slot count. */
const INITIAL_BITS = 6;

/**
 * One hour's slots. Logs arrive roughly in time order, so nearly every add
 * touches the current hour's table, which stays small enough to live in the
 * CPU cache; one global table of a million cells would miss on every probe.
 */
interface HourSlots {
  slots: Int32Array;
  /** 32 − log2(slot count): Fibonacci hashing keeps the high bits. */
  shift: number;
  size: number;
}

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

  /** Adds `n` to the cell (hour, level, key, sub) and returns its index. */
  add(hour: number, level: number, key: number, n: number, sub = 0): number {
    const table = this.#hours[hour] ?? this.#newHour(hour);
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
    const at = slot << 2;
    slots[at] = level;
    slots[at + 1] = key;
    slots[at + 2] = sub;
    slots[at + 3] = cell + 1;
    if (++table.size * 2 > mask + 1) rehash(table);
    return cell;
  }

  #newHour(hour: number): HourSlots {
    while (this.#hours.length < hour) this.#hours.push(undefined);
    const table = {
      slots: new Int32Array((1 << INITIAL_BITS) * STRIDE),
      shift: 32 - INITIAL_BITS,
      size: 0,
    };
    this.#hours[hour] = table;
    return table;
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
