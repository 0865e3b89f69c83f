/**
 * Remembers which template id recent error messages masked to. Error
 * messages repeat byte for byte far more often than they differ ("Disk full
 * on volume /dev/sdc"), and masking a message costs several times more than
 * hashing and comparing its bytes.
 *
 * The memo is direct-mapped with a fixed number of entries and a byte cap per
 * entry, so its memory is fixed however many distinct messages arrive (a log
 * where every message carries a unique id simply misses). Masking is a pure
 * function of the bytes, so a hit returns exactly what masking would.
 *
 * @module
 */

import { viewBytesEqual } from "../bytes/bytes_equal.ts";
import { ViewCache } from "../bytes/view_cache.ts";
import { hashView } from "./hash.ts";

/** Entries (a power of two). */
const ENTRIES = 4096;
/** Longest message remembered; longer ones are always masked. */
const MAX_BYTES = 128;
/** Ints per entry: hash, length, value + 1 (0 = empty). */
const STRIDE = 4;

/**
 * A bounded map from message bytes to a template id.
 *
 * @example
 * ```ts
 * import { TemplateMemo } from "./template_memo.ts";
 * const memo = new TemplateMemo();
 * const bytes = new TextEncoder().encode("Disk full on volume /dev/sdc");
 * const hash = memo.hash(bytes, 0, bytes.length);
 * memo.get(bytes, 0, bytes.length, hash); // -1: not seen yet
 * memo.set(bytes, 0, bytes.length, hash, 7);
 * memo.get(bytes, 0, bytes.length, hash); // 7
 * ```
 */
export class TemplateMemo {
  readonly #slots = new Int32Array(ENTRIES * STRIDE);
  readonly #bytes = new Uint8Array(ENTRIES * MAX_BYTES);
  readonly #kept = new DataView(this.#bytes.buffer);
  readonly #views = new ViewCache();

  /** Forgets every entry (template ids of a new string table mean other templates). */
  clear(): void {
    this.#slots.fill(0);
  }

  /** The hash of `buf[start, end)` that {@linkcode get} and {@linkcode set} take. */
  hash(buf: Uint8Array, start: number, end: number): number {
    return hashView(this.#views.of(buf), start, end) | 0;
  }

  /** The template id remembered for these bytes, or -1. */
  get(buf: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    if (length > MAX_BYTES) return -1;
    const entry = hash & (ENTRIES - 1);
    const at = entry * STRIDE;
    const slots = this.#slots;
    if (slots[at + 2] === 0 || slots[at] !== hash || slots[at + 1] !== length) return -1;
    const same = viewBytesEqual(this.#views.of(buf), start, this.#kept, entry * MAX_BYTES, length);
    return same ? slots[at + 2] - 1 : -1;
  }

  /** Remembers `template` for these bytes, replacing whatever shared the entry. */
  set(buf: Uint8Array, start: number, end: number, hash: number, template: number): void {
    const length = end - start;
    if (length > MAX_BYTES) return;
    const entry = hash & (ENTRIES - 1);
    const at = entry * STRIDE;
    this.#slots[at] = hash;
    this.#slots[at + 1] = length;
    this.#slots[at + 2] = template + 1;
    const bytes = this.#bytes;
    const offset = entry * MAX_BYTES;
    for (let i = 0; i < length; i++) bytes[offset + i] = buf[start + i];
  }
}
