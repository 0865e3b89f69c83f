/**
 * The command-line shell: arguments, exit codes, suggestions and the
 * control-character escaping of everything printed.
 *
 * @module
 */

export * from "./args.ts";
export * from "./exit.ts";
export * from "./sanitize.ts";
export * from "./suggest.ts";
