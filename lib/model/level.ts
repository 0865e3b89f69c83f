/**
 * The normalised log levels. Every row gets exactly one; anything that is not
 * recognised becomes `UNKNOWN` (kept and counted, never an error).
 *
 * Levels are small integers on the hot path (indices into typed-array
 * counters); the names appear only at the edges (reports, store, config).
 *
 * @example
 * ```ts
 * import { LEVEL_NAMES, Level } from "./level.ts";
 * LEVEL_NAMES[Level.ERROR]; // "ERROR"
 * ```
 * @module
 */

/** Level indices, in increasing severity with UNKNOWN last. */
export const Level = {
  DEBUG: 0,
  INFO: 1,
  WARN: 2,
  ERROR: 3,
  CRITICAL: 4,
  UNKNOWN: 5,
} as const;

/** A level index (0..5). */
export type LevelIndex = typeof Level[keyof typeof Level];

/** A normalised level name. */
export type LevelName = keyof typeof Level;

/** Level names by index. */
export const LEVEL_NAMES: readonly LevelName[] = [
  "DEBUG",
  "INFO",
  "WARN",
  "ERROR",
  "CRITICAL",
  "UNKNOWN",
];

/** How many levels there are: the stride of every (hour, level) counter. */
export const LEVEL_COUNT = 6;

/**
 * Returns the index of a level name, or -1 when the name is not a normalised level.
 *
 * @example
 * ```ts
 * levelIndex("WARN"); // 2
 * ```
 */
export function levelIndex(name: string): number {
  return LEVEL_NAMES.indexOf(name as LevelName);
}
