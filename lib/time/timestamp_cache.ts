/**
 * Remembers the last timestamp parsed. Busy logs write many rows per second,
 * so consecutive rows usually carry byte-identical timestamps; comparing ~20
 * bytes is several times cheaper than parsing them again.
 *
 * @module
 */

import { ViewCache } from "../bytes/view_cache.ts";
import { parseTimestamp } from "./timestamp.ts";
import type { TimestampContext } from "./timestamp.ts";

/** Longest timestamp text remembered (longer ones are always parsed). */
const MAX_CACHED_BYTES = 48;

/**
 * {@linkcode parseTimestamp} with a one-entry cache of the last input bytes.
 * One cache serves one context (zone and default year), as a partition does.
 *
 * @example
 * ```ts
 * import { TimestampCache } from "./timestamp_cache.ts";
 * import { createZone } from "./zone.ts";
 * const cache = new TimestampCache({ zone: createZone("UTC"), defaultYear: 2024 });
 * const bytes = new TextEncoder().encode("2024-01-15 10:00:00,2024-01-15 10:00:00");
 * cache.parse(bytes, 0, 19); // Date.UTC(2024, 0, 15, 10), parsed
 * cache.parse(bytes, 20, 39); // the same, from the cache
 * ```
 */
export class TimestampCache {
  readonly #context: TimestampContext;
  readonly #bytes = new Uint8Array(MAX_CACHED_BYTES);
  readonly #kept = new DataView(this.#bytes.buffer);
  readonly #views = new ViewCache();
  #length = -1;
  #value = NaN;

  constructor(context: TimestampContext) {
    this.#context = context;
  }

  /**
   * Whether `buf[start, start + length)` equals the kept bytes. Compares whole
   * words from the end, where consecutive timestamps differ (seconds, then
   * minutes), through DataViews: one load per word.
   */
  #same(buf: Uint8Array, start: number, length: number): boolean {
    const kept = this.#kept;
    if (length < 4) {
      for (let i = 0; i < length; i++) if (this.#bytes[i] !== buf[start + i]) return false;
      return true;
    }
    const view = this.#views.of(buf);
    let i = length - 4;
    for (; i > 0; i -= 4) {
      if (view.getInt32(start + i, true) !== kept.getInt32(i, true)) return false;
    }
    // The first word overlaps the last one compared when the length is not a multiple of 4.
    return view.getInt32(start, true) === kept.getInt32(0, true);
  }

  /** UTC ms of `buf[start, end)`, or NaN when it is not a supported timestamp. */
  parse(buf: Uint8Array, start: number, end: number): number {
    // The hit path is kept small so V8 inlines it into the fold (a call would box the result).
    const length = end - start;
    if (length === this.#length && this.#same(buf, start, length)) return this.#value;
    return this.#parseNew(buf, start, end);
  }

  #parseNew(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const value = parseTimestamp(buf, start, end, this.#context);
    if (length <= MAX_CACHED_BYTES) {
      const kept = this.#bytes;
      for (let i = 0; i < length; i++) kept[i] = buf[start + i];
      this.#length = length;
      this.#value = value;
    }
    return value;
  }
}
