/**
 * Remembers the last timestamp parsed. Busy logs write many rows per second,
 * so consecutive rows usually carry byte-identical timestamps; comparing ~20
 * bytes is several times cheaper than parsing them again.
 *
 * @module
 */

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
  #length = -1;
  #value = NaN;

  constructor(context: TimestampContext) {
    this.#context = context;
  }

  /** UTC ms of `buf[start, end)`, or NaN when it is not a supported timestamp. */
  parse(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const kept = this.#bytes;
    if (length === this.#length) {
      let i = 0;
      while (i < length && kept[i] === buf[start + i]) i++;
      if (i === length) return this.#value;
    }
    const value = parseTimestamp(buf, start, end, this.#context);
    if (length <= MAX_CACHED_BYTES) {
      for (let i = 0; i < length; i++) kept[i] = buf[start + i];
      this.#length = length;
      this.#value = value;
    }
    return value;
  }
}
