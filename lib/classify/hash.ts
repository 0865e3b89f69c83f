/**
 * A fast 32-bit hash of a byte range, for interning keys without making
 * strings.
 *
 * @module
 */

/**
 * FNV-1a over the bytes, finished with murmur3's fmix32 so the low bits
 * (used as table slots) are well mixed.
 *
 * @example
 * ```ts
 * import { hashBytes } from "./hash.ts";
 * const bytes = new TextEncoder().encode("api-service");
 * const h = hashBytes(bytes, 0, bytes.length); // an unsigned 32-bit integer
 * ```
 */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ buf[i], 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
