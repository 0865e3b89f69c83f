/**
 * Compares byte ranges of two DataViews a word at a time: the hot-path
 * check that a hash hit really is the same key.
 *
 * @module
 */

/**
 * Whether `length` bytes of `a` from `aStart` equal those of `b` from
 * `bStart`: whole four-byte words, then the remaining bytes.
 *
 * @example
 * ```ts
 * import { viewBytesEqual } from "./bytes_equal.ts";
 * const a = new DataView(new TextEncoder().encode("xxapi-service").buffer);
 * const b = new DataView(new TextEncoder().encode("api-service").buffer);
 * viewBytesEqual(a, 2, b, 0, 11); // true
 * ```
 */
export function viewBytesEqual(
  a: DataView,
  aStart: number,
  b: DataView,
  bStart: number,
  length: number,
): boolean {
  const words = length & ~3;
  let i = 0;
  for (; i < words; i += 4) {
    if (a.getInt32(aStart + i, true) !== b.getInt32(bStart + i, true)) return false;
  }
  for (; i < length; i++) if (a.getUint8(aStart + i) !== b.getUint8(bStart + i)) return false;
  return true;
}
