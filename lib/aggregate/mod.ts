/**
 * Mergeable partial aggregates: typed-array counters over (hour, level) and
 * (hour, level, key) with interned keys.
 *
 * @module
 */

export * from "./partial.ts";
export * from "./builder.ts";
export * from "./merge.ts";
export * from "./string_table.ts";
export * from "./cell_table.ts";
