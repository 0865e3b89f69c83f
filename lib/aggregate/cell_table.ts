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
  #slots: Int32Array = new Int32Array(1024); // cell index + 1, 0 = empty

  /** Adds `n` to the cell (hour, level, key, sub) and returns its index. */
  add(hour: number, level: number, key: number, n: number, sub = 0): number {
    const mask = this.#slots.length - 1;
    let slot = mixCell(hour, level, key, sub) & mask;
    for (;;) {
      const entry = this.#slots[slot];
      if (entry === 0) break;
      const cell = entry - 1;
      if (
        this.key[cell] === key && this.hour[cell] === hour && this.level[cell] === level &&
        this.sub[cell] === sub
      ) {
        this.count[cell] += n;
        return cell;
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
    this.#slots[slot] = cell + 1;
    if (this.size * 2 > this.#slots.length) this.#rehash();
    return cell;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let cell = 0; cell < this.size; cell++) {
      let slot = mixCell(this.hour[cell], this.level[cell], this.key[cell], this.sub[cell]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = cell + 1;
    }
    this.#slots = slots;
  }
}

/** A well-mixed 32-bit hash of a cell's coordinates (murmur3 finaliser). */
function mixCell(hour: number, level: number, key: number, sub: number): number {
  let h = Math.imul(key, 0x9e3779b1) ^ Math.imul(hour * 8 + level, 0x85ebca6b) ^
    Math.imul(sub, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
