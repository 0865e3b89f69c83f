/**
 * Remembers the last timestamp parsed. Busy logs write many rows per second,
 * so consecutive rows usually carry byte-identical timestamps; comparing ~20
 * bytes is several times cheaper than parsing them again. Logs with
 * millisecond timestamps change every row, but within the same minute: an
 * ISO-like timestamp whose bytes up to the seconds (and zone suffix) are the
 * last minute's is that minute's value plus its seconds and fraction, where
 * the offset cannot change inside the minute (a fixed zone, or the
 * timestamp's own offset).
 *
 * @module
 */

import { ViewCache } from "../bytes/view_cache.ts";
import {
  ISO_MINUTE_BYTES,
  isoFractionDigits,
  isoSecondsMs,
  isoSuffixStart,
  parseTimestamp,
} from "./timestamp.ts";
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
  /** The last ISO-like timestamp linear in its seconds: bytes, length (-1: none), fraction digits, value at :00.000. */
  readonly #minute = new Uint8Array(MAX_CACHED_BYTES);
  #minuteLength = -1;
  #minuteDigits = 0;
  #minuteBase = NaN;

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
    let value = length === this.#minuteLength ? this.#inMinute(buf, start, end) : NaN;
    const fromMinute = value === value;
    if (!fromMinute) value = parseTimestamp(buf, start, end, this.#context);
    if (length <= MAX_CACHED_BYTES) {
      const kept = this.#bytes;
      for (let i = 0; i < length; i++) kept[i] = buf[start + i];
      this.#length = length;
      this.#value = value;
      if (!fromMinute && value === value) this.#keepMinute(buf, start, end, value);
    }
    return value;
  }

  /** The value of a timestamp of the kept minute (its bytes but seconds and fraction), else NaN. */
  #inMinute(buf: Uint8Array, start: number, end: number): number {
    const minute = this.#minute;
    for (let i = 0; i < ISO_MINUTE_BYTES; i++) if (buf[start + i] !== minute[i]) return NaN;
    const digits = this.#minuteDigits;
    if (digits > 0 && buf[start + 19] !== minute[19]) return NaN;
    for (let i = isoSuffixStart(digits); i < end - start; i++) {
      if (buf[start + i] !== minute[i]) return NaN;
    }
    const ms = isoSecondsMs(buf, start, digits);
    return ms < 0 ? NaN : this.#minuteBase + ms;
  }

  /** Keeps a parsed timestamp's minute when its value is linear in seconds and fraction. */
  #keepMinute(buf: Uint8Array, start: number, end: number, value: number): void {
    this.#minuteLength = -1;
    const digits = isoFractionDigits(buf, start, end);
    // A trailing space is trimmed by the parser, not a zone suffix.
    if (digits < 0 || buf[end - 1] === 0x20) return;
    const suffix = end - start > isoSuffixStart(digits);
    if (!suffix && !this.#context.zone.fixedOffset) return; // an IANA zone's offset may change
    const ms = isoSecondsMs(buf, start, digits);
    if (ms < 0) return;
    for (let i = 0; i < end - start; i++) this.#minute[i] = buf[start + i];
    this.#minuteLength = end - start;
    this.#minuteDigits = digits;
    this.#minuteBase = value - ms;
  }
}
