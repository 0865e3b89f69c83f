/**
 * The words the masking rules look for (month and weekday names, units,
 * `true`/`false`/`null`), in one open-addressing hash table keyed by their
 * letters, so a lookup on bytes needs no string and no `Set`.
 *
 * @module
 */

/** A month name (`Jan` … `Dec`). */
export const MONTH = 4;
/** A weekday name (`Mon` … `Sun`). */
export const WEEKDAY = 8;
/** A size or time unit (`KB`, `ms`, `bytes`…). */
export const UNIT = 16;
/** `true`, `false` or `null` in any of three spellings. */
export const VALUE = 32;

// The words a rule looks for, in one open-addressing hash table keyed by
// their letters, 6 bits each (distinct for ASCII letters, 30 bits for five):
// a lookup needs no string and no `Set`.
const SLOTS = 128;
const WORD_KEYS = new Int32Array(SLOTS);
const WORD_KINDS = new Uint8Array(SLOTS);
const slot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 25;

/**
 * The kind of the word `s[a, b)`: `VALUE`, `MONTH`, `WEEKDAY`, `UNIT` or 0.
 *
 * @example
 * ```ts
 * import { MONTH, wordKind } from "./word_kinds.ts";
 * wordKind(new TextEncoder().encode("Jun"), 0, 3) === MONTH; // true
 * ```
 */
export function wordKind(s: Uint8Array, a: number, b: number): number {
  if (b <= a || b - a > 5) return 0;
  let key = 0;
  for (let i = a; i < b; i++) {
    const lower = s[i] | 0x20;
    if (lower < 0x61 || lower > 0x7a) return 0; // not an ASCII letter
    key = (key << 6) | (s[i] & 0x3f);
  }
  let h = slot(key);
  while (WORD_KEYS[h] !== key && WORD_KEYS[h] !== 0) h = (h + 1) & (SLOTS - 1);
  return WORD_KINDS[h];
}

([
  [VALUE, "true True TRUE false False FALSE null Null NULL"],
  [MONTH, "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"],
  [WEEKDAY, "Mon Tue Wed Thu Fri Sat Sun"],
  [UNIT, "B KB MB GB TB PB kB KiB MiB GiB TiB bytes ms us ns s sec secs"],
] as const).forEach(([kind, words]) => {
  for (const word of words.split(" ")) {
    let key = 0;
    for (const c of word) key = (key << 6) | (c.charCodeAt(0) & 0x3f);
    let h = slot(key);
    while (WORD_KEYS[h] !== 0) h = (h + 1) & (SLOTS - 1);
    WORD_KEYS[h] = key;
    WORD_KINDS[h] = kind;
  }
});
