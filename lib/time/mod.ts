/**
 * Time: zones for naive timestamps, byte-level timestamp parsing and the
 * UTC formats of every output.
 *
 * @module
 */

export * from "./timestamp.ts";
export * from "./zone.ts";
