/**
 * Interns byte strings: each distinct key (a service, an IP, a template…) is
 * decoded and stored once, and every later occurrence costs one hash and one
 * byte compare, no allocation.
 *
 * @module
 */

import { hashBytes } from "../classify/hash.ts";

const decoder = new TextDecoder();

/**
 * An open-addressing table from byte strings to dense ids (0, 1, 2, …).
 *
 * @example
 * ```ts
 * import { StringTable } from "./string_table.ts";
 * const table = new StringTable();
 * const bytes = new TextEncoder().encode("api,web,api");
 * table.intern(bytes, 0, 3); // 0
 * table.intern(bytes, 4, 7); // 1
 * table.intern(bytes, 8, 11); // 0
 * table.strings; // ["api", "web"]
 * ```
 */
export class StringTable {
  /** The distinct strings, by id. */
  readonly strings: string[] = [];
  #slots: Int32Array = new Int32Array(1024); // id + 1, 0 = empty
  #hashes: Uint32Array = new Uint32Array(256);
  #offsets: Int32Array = new Int32Array(256);
  #lengths: Int32Array = new Int32Array(256);
  #arena: Uint8Array = new Uint8Array(16384);
  #arenaUsed = 0;

  /** How many distinct strings are stored. */
  get size(): number {
    return this.strings.length;
  }

  /** The id of `buf[start, end)`, adding it when new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(buf, start, end);
    const length = end - start;
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.#slots[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (this.#hashes[id] === hash && this.#lengths[id] === length) {
        const arena = this.#arena;
        const offset = this.#offsets[id];
        let i = 0;
        while (i < length && arena[offset + i] === buf[start + i]) i++;
        if (i === length) return id;
      }
      slot = (slot + 1) & mask;
    }
    return this.#insert(buf, start, end, hash, slot);
  }

  #insert(buf: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const id = this.strings.length;
    const length = end - start;
    if (id === this.#hashes.length) {
      this.#hashes = grow(this.#hashes, id * 2);
      this.#offsets = grow(this.#offsets, id * 2);
      this.#lengths = grow(this.#lengths, id * 2);
    }
    if (this.#arenaUsed + length > this.#arena.length) {
      this.#arena = grow(this.#arena, Math.max(this.#arena.length * 2, this.#arenaUsed + length));
    }
    this.#arena.set(buf.subarray(start, end), this.#arenaUsed);
    this.#hashes[id] = hash;
    this.#offsets[id] = this.#arenaUsed;
    this.#lengths[id] = length;
    this.#arenaUsed += length;
    this.strings.push(decoder.decode(buf.subarray(start, end)));
    this.#slots[slot] = id + 1;
    if ((id + 1) * 2 > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.#hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
  }
}

type Growable = Uint8Array | Int32Array | Uint32Array | Float64Array;

/**
 * Returns a typed array of at least `length` elements holding `array`'s contents.
 *
 * @example
 * ```ts
 * import { grow } from "./string_table.ts";
 * grow(new Int32Array([1, 2]), 4); // Int32Array [1, 2, 0, 0]
 * ```
 */
export function grow<T extends Growable>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(length);
  (next as { set(source: ArrayLike<number>): void }).set(array);
  return next;
}
