/**
 * UTF-8 validity on bytes, to know when a message must go through
 * `TextDecoder` (which turns invalid sequences into U+FFFD) before masking.
 *
 * @module
 */

/**
 * True if `s[i, end)` is valid UTF-8 (what `TextDecoder` keeps as is).
 *
 * @example
 * ```ts
 * import { isValidUtf8 } from "./utf8.ts";
 * isValidUtf8(new Uint8Array([0x63, 0xc3, 0xa9]), 0, 3); // true
 * isValidUtf8(new Uint8Array([0xc3]), 0, 1); // false
 * ```
 */
export function isValidUtf8(s: Uint8Array, i: number, end: number): boolean {
  while (i < end) {
    const c = s[i++];
    if (c < 0x80) continue;
    const need = c < 0xc2 ? -1 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : c < 0xf5 ? 3 : -1;
    if (need < 0 || i + need > end) return false;
    // No overlong forms, no surrogates, nothing beyond U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (s[i] < lo || s[i] > hi) return false;
    for (let k = 1; k < need; k++) if ((s[i + k] & 0xc0) !== 0x80) return false;
    i += need;
  }
  return true;
}
