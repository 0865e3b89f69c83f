/**
 * The deterministic synthetic log generator (`deno task gen`).
 *
 * @module
 */

export * from "./random.ts";
export * from "./write.ts";
