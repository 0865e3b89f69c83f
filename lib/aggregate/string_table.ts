/**
 * Interns byte strings: each distinct key (a service, an IP, a template…) is
 * decoded and stored once, and every later occurrence costs one hash and one
 * compare, no allocation.
 *
 * Keys of up to 16 bytes (services, IPs, most endpoints) live inline in the
 * slot table as four little-endian words, so a lookup hashes and compares
 * words in one cache line instead of walking bytes in a separate arena.
 *
 * @module
 */

import { viewBytesEqual } from "../bytes/bytes_equal.ts";
import { ViewCache } from "../bytes/view_cache.ts";
import { hashView } from "../classify/hash.ts";

const decoder = new TextDecoder();

/** Ints per slot (`<< 3` below): id + 1 (0 = empty), hash, length, four words of a short key, padding. */
const STRIDE = 8;
/** Longest key stored inline. */
const SHORT_BYTES = 16;
/** Slots a new table starts with; {@linkcode StringTable.clear} keeps at most {@linkcode KEPT_SLOTS}. */
const INITIAL_SLOTS = 1024;
const KEPT_SLOTS = 1 << 16;

/** Up to three bytes of `buf[at, end)` as a little-endian word (keys shorter than a word). */
function shortWord(buf: Uint8Array, at: number, end: number): number {
  let w = 0;
  for (let i = end - 1; i >= at; i--) w = (w << 8) | buf[i];
  return w;
}

/** A well-mixed hash of a short key's words and length. */
function hashWords(w0: number, w1: number, w2: number, w3: number, length: number): number {
  let h = Math.imul(length ^ w0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ w1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ w2, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ w3, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

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
  #slots: Int32Array = new Int32Array(INITIAL_SLOTS * STRIDE);
  /** Long keys' bytes by id (short keys are compared inline). */
  #offsets: Int32Array = new Int32Array(256);
  #arena: Uint8Array = new Uint8Array(16384);
  #arenaUsed = 0;
  readonly #views = new ViewCache();
  /** A view of the arena, made again when it grows. */
  readonly #arenaViews = new ViewCache();

  /** How many distinct strings are stored. */
  get size(): number {
    return this.strings.length;
  }

  /**
   * Forgets every string, keeping the table's memory for reuse (a worker's
   * next partition); a table grown past {@linkcode KEPT_SLOTS} slots shrinks.
   */
  clear(): void {
    this.strings.length = 0;
    if (this.#slots.length > KEPT_SLOTS * STRIDE) {
      this.#slots = new Int32Array(INITIAL_SLOTS * STRIDE);
    } else this.#slots.fill(0);
    this.#arenaUsed = 0;
  }

  /** The id of `buf[start, end)`, adding it when new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > SHORT_BYTES) return this.#internLong(buf, start, end);
    // Whole little-endian words through a DataView (one load each, where
    // assembling bytes costs four); the last word overlaps the one before it
    // rather than being padded. The length is part of the key, so the words
    // still say exactly which bytes they hold.
    let w0 = 0, w1 = 0, w2 = 0, w3 = 0;
    if (length < 4) w0 = shortWord(buf, start, end);
    else {
      const view = this.#views.of(buf);
      w0 = view.getInt32(start, true);
      if (length <= 8) w1 = view.getInt32(end - 4, true);
      else {
        w1 = view.getInt32(start + 4, true);
        if (length <= 12) w2 = view.getInt32(end - 4, true);
        else {
          w2 = view.getInt32(start + 8, true);
          w3 = view.getInt32(end - 4, true);
        }
      }
    }
    const hash = hashWords(w0, w1, w2, w3, length) | 0;
    const slots = this.#slots;
    const mask = (slots.length >> 3) - 1;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 3;
      const entry = slots[at];
      if (entry === 0) break;
      if (
        slots[at + 1] === hash && slots[at + 2] === length && slots[at + 3] === w0 &&
        slots[at + 4] === w1 && slots[at + 5] === w2 && slots[at + 6] === w3
      ) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.#add(buf, start, end, slot, hash);
    const at = slot << 3;
    slots[at + 3] = w0;
    slots[at + 4] = w1;
    slots[at + 5] = w2;
    slots[at + 6] = w3;
    this.#afterAdd();
    return id;
  }

  #internLong(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const view = this.#views.of(buf);
    const hash = hashView(view, start, end) | 0;
    const slots = this.#slots;
    const mask = (slots.length >> 3) - 1;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 3;
      const entry = slots[at];
      if (entry === 0) break;
      if (slots[at + 1] === hash && slots[at + 2] === length) {
        const arena = this.#arenaViews.of(this.#arena);
        if (viewBytesEqual(view, start, arena, this.#offsets[entry - 1], length)) return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.#add(buf, start, end, slot, hash);
    if (id >= this.#offsets.length) this.#offsets = grow(this.#offsets, id * 2);
    if (this.#arenaUsed + length > this.#arena.length) {
      this.#arena = grow(this.#arena, Math.max(this.#arena.length * 2, this.#arenaUsed + length));
    }
    this.#arena.set(buf.subarray(start, end), this.#arenaUsed);
    this.#offsets[id] = this.#arenaUsed;
    this.#arenaUsed += length;
    this.#afterAdd();
    return id;
  }

  /** Claims `slot` for a new id and decodes its string once. */
  #add(buf: Uint8Array, start: number, end: number, slot: number, hash: number): number {
    const id = this.strings.length;
    const at = slot << 3;
    this.#slots[at] = id + 1;
    this.#slots[at + 1] = hash;
    this.#slots[at + 2] = end - start;
    this.strings.push(decoder.decode(buf.subarray(start, end)));
    return id;
  }

  /** Keeps the load factor at most one half. */
  #afterAdd(): void {
    if (this.strings.length * 2 <= (this.#slots.length >> 3)) return;
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 3) - 1;
    for (let from = 0; from < old.length; from += STRIDE) {
      if (old[from] === 0) continue;
      let slot = old[from + 1] & mask;
      while (slots[slot << 3] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(from, from + STRIDE), slot << 3);
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
