/**
 * Level normalisation from bytes: TRACE/DEBUG → DEBUG, INFO/INFORMATION/NOTICE
 * → INFO, WARN/WARNING → WARN, ERROR/ERR → ERROR, CRITICAL/CRIT/FATAL/SEVERE/
 * ALERT/EMERG/EMERGENCY → CRITICAL, anything else (or empty) → UNKNOWN.
 *
 * @module
 */

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

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09;
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
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
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
