/**
 * Classifiers over bytes and templates: levels, message templates, error
 * types, and the byte hash used to intern keys.
 *
 * @module
 */

export * from "./error_type.ts";
export * from "./hash.ts";
export * from "./level.ts";
export * from "./template.ts";
