/**
 * Helpers for reading bytes in hot loops.
 *
 * @module
 */

export * from "./view_cache.ts";
export * from "./bytes_equal.ts";
export * from "./blank.ts";
