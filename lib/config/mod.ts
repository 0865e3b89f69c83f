/**
 * The config: schema with defaults, and the YAML loader.
 *
 * @module
 */

export * from "./load.ts";
export * from "./schema.ts";
export * from "./yaml.ts";
