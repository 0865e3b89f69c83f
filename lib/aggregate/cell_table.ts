/**
 * Sparse counters keyed by (hour index, level, key id, service id): one cell
 * of the cube per combination that occurs. The service coordinate lets every
 * dimension be filtered by service (the dashboard's service filter). Memory follows distinct combinations, never
 * rows.
 *
 * @module
 */

import { grow } from "./string_table.ts";

/**
 * An open-addressing hash table of counts over (hour, level, key).
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
  /**
   * Open addressing, four ints per slot: hour × 8 + level, key, sub, cell + 1
   * (0 = empty). A probe reads one cache line instead of one per coordinate.
   */
  #slots: Int32Array = new Int32Array(1024 * 4);
  /** 32 − log2(slot count): Fibonacci hashing keeps the high bits. */
  #shift = 32 - 10;

  /** Adds `n` to the cell (hour, level, key, sub) and returns its index. */
  add(hour: number, level: number, key: number, n: number, sub = 0): number {
    const slots = this.#slots;
    const hourLevel = hour * 8 + level;
    const mask = (slots.length >> 2) - 1;
    let slot = slotOf(hourLevel, key, sub, this.#shift);
    for (;;) {
      const at = slot << 2;
      const entry = slots[at + 3];
      if (entry === 0) break;
      if (slots[at + 1] === key && slots[at] === hourLevel && slots[at + 2] === sub) {
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
    slots[at] = hourLevel;
    slots[at + 1] = key;
    slots[at + 2] = sub;
    slots[at + 3] = cell + 1;
    if (this.size * 2 > mask + 1) this.#rehash();
    return cell;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const shift = this.#shift - 1;
    const mask = (slots.length >> 2) - 1;
    for (let cell = 0; cell < this.size; cell++) {
      const hourLevel = this.hour[cell] * 8 + this.level[cell];
      const key = this.key[cell];
      const sub = this.sub[cell];
      let slot = slotOf(hourLevel, key, sub, shift);
      while (slots[(slot << 2) + 3] !== 0) slot = (slot + 1) & mask;
      const at = slot << 2;
      slots[at] = hourLevel;
      slots[at + 1] = key;
      slots[at + 2] = sub;
      slots[at + 3] = cell + 1;
    }
    this.#slots = slots;
    this.#shift = shift;
  }
}

/** The slot of a cell's coordinates: the top bits of a multiplicative hash. */
function slotOf(hourLevel: number, key: number, sub: number, shift: number): number {
  const h = key ^ Math.imul(hourLevel, 0x85ebca6b) ^ Math.imul(sub, 0xc2b2ae35);
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> shift;
}
