/**
 * Level normalisation from bytes: TRACE/DEBUG → DEBUG, INFO/INFORMATION/NOTICE
 * → INFO, WARN/WARNING → WARN, ERROR/ERR → ERROR, CRITICAL/CRIT/FATAL/SEVERE/
 * ALERT/EMERG/EMERGENCY → CRITICAL, anything else (or empty) → UNKNOWN.
 *
 * @module
 */

import { BLANK } from "../bytes/blank.ts";
import { ViewCache } from "../bytes/view_cache.ts";
import { Level } from "../model/level.ts";
import type { LevelIndex } from "../model/level.ts";

const ALIASES: Record<string, LevelIndex> = {
  TRACE: Level.DEBUG,
  DEBUG: Level.DEBUG,
  INFO: Level.INFO,
  INFORMATION: Level.INFO,
  NOTICE: Level.INFO,
  WARN: Level.WARN,
  WARNING: Level.WARN,
  ERROR: Level.ERROR,
  ERR: Level.ERROR,
  CRITICAL: Level.CRITICAL,
  CRIT: Level.CRITICAL,
  FATAL: Level.CRITICAL,
  SEVERE: Level.CRITICAL,
  ALERT: Level.CRITICAL,
  EMERG: Level.CRITICAL,
  EMERGENCY: Level.CRITICAL,
};

/** Alias spellings grouped by length, as upper-case bytes, so a lookup never makes a string. */
const BY_LENGTH: { bytes: Uint8Array; level: LevelIndex }[][] = [];
for (const [name, level] of Object.entries(ALIASES)) {
  (BY_LENGTH[name.length] ??= []).push({ bytes: new TextEncoder().encode(name), level });
}

/**
 * The level of the bytes `buf[start, end)`, case-insensitive, ignoring
 * surrounding spaces and tabs.
 *
 * @example
 * ```ts
 * import { normalizeLevel } from "./level.ts";
 * import { Level } from "../model/level.ts";
 * const bytes = new TextEncoder().encode(" warning ");
 * normalizeLevel(bytes, 0, bytes.length) === Level.WARN; // true
 * ```
 */
export function normalizeLevel(buf: Uint8Array, start: number, end: number): LevelIndex {
  while (start < end && BLANK[buf[start]] === 1) start++;
  while (end > start && BLANK[buf[end - 1]] === 1) end--;
  const candidates = BY_LENGTH[end - start];
  if (candidates === undefined) return Level.UNKNOWN;
  outer: for (const { bytes, level } of candidates) {
    for (let i = 0; i < bytes.length; i++) {
      let byte = buf[start + i];
      if (byte >= 0x61 && byte <= 0x7a) byte -= 0x20; // ASCII lower → upper
      if (byte !== bytes[i]) continue outer;
    }
    return level;
  }
  return Level.UNKNOWN;
}

/**
 * {@linkcode normalizeLevel} for a string (config values, tests).
 *
 * @example
 * ```ts
 * import { normalizeLevelText } from "./level.ts";
 * normalizeLevelText("Fatal"); // Level.CRITICAL
 * ```
 */
export function normalizeLevelText(text: string): LevelIndex {
  const bytes = new TextEncoder().encode(text);
  return normalizeLevel(bytes, 0, bytes.length);
}

/** Entries of the level memo (a power of two), and the longest field it remembers. */
const MEMO_ENTRIES = 64;
const MEMO_MAX_BYTES = 8;

/**
 * {@linkcode normalizeLevel} with a small memo of exact field bytes. A log
 * spells its levels a handful of ways, so nearly every row is one hash of two
 * words and a compare instead of a walk over candidate spellings. Fields of
 * 4 to 8 bytes (every level name but ERR, CRIT's kin and the long ones) are
 * remembered; the rest are normalised every time.
 *
 * @example
 * ```ts
 * import { LevelMemo } from "./level.ts";
 * import { Level } from "../model/level.ts";
 * const memo = new LevelMemo();
 * const bytes = new TextEncoder().encode("warning,ERROR");
 * memo.level(bytes, 0, 7) === Level.WARN; // true
 * memo.level(bytes, 8, 13) === Level.ERROR; // true
 * ```
 */
export class LevelMemo {
  /** Per entry: first word, last word, length (0 = empty: never a remembered length). */
  readonly #keys = new Int32Array(MEMO_ENTRIES * 3);
  readonly #levels = new Uint8Array(MEMO_ENTRIES);
  readonly #views = new ViewCache();

  /** The level of `buf[start, end)`, as {@linkcode normalizeLevel} gives it. */
  level(buf: Uint8Array, start: number, end: number): LevelIndex {
    const length = end - start;
    if (length < 4 || length > MEMO_MAX_BYTES) return normalizeLevel(buf, start, end);
    const view = this.#views.of(buf);
    // Two words cover up to 8 bytes (overlapping when fewer); with the length they are the key.
    const first = view.getInt32(start, true);
    const last = view.getInt32(end - 4, true);
    const entry = Math.imul(first ^ Math.imul(last, 31) ^ length, 0x9e3779b1) >>> 26;
    const keys = this.#keys;
    const at = entry * 3;
    if (keys[at] === first && keys[at + 1] === last && keys[at + 2] === length) {
      return this.#levels[entry] as LevelIndex;
    }
    const level = normalizeLevel(buf, start, end);
    keys[at] = first;
    keys[at + 1] = last;
    keys[at + 2] = length;
    this.#levels[entry] = level;
    return level;
  }
}
