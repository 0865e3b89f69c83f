/**
 * Parsing YAML text (the config and the format files it includes), in YAML
 * 1.2's core schema: `yes`, dates and `1_000` stay strings, `<<` is a plain
 * key, and a duplicated key is an error.
 *
 * js-yaml, not npm:yaml: its ES module loads in ~7 ms, where npm:yaml's
 * package exports give Deno only its CommonJS build, ~45 ms through the
 * CommonJS loader at every task's start, and that build reads two
 * environment variables (`LOG_TOKENS`, `LOG_STREAM`) while parsing, so
 * every task needed `--allow-env` for them.
 *
 * @module
 */

import { CORE_SCHEMA, load } from "js-yaml";

/**
 * Parses one YAML document; throws on invalid YAML with the line and column
 * in the message's first line, e.g. `duplicated mapping key (2:1)`.
 *
 * @example
 * ```ts
 * import { parseYaml } from "./yaml.ts";
 * parseYaml("engine:\n  workers: 2\nwhen: 2024-01-01"); // { engine: { workers: 2 }, when: "2024-01-01" }
 * ```
 */
export function parseYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
