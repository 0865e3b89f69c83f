/**
 * Loading and validating the YAML config; every problem is reported with its
 * key path (and a did-you-mean for unknown keys) and exits 2.
 *
 * @module
 */

import type { z } from "zod";
import { UsageError } from "../cli/exit.ts";
import { closestName } from "../cli/suggest.ts";
import { ConfigSchema, DEFAULT_CONFIG } from "./schema.ts";
import { parseYaml } from "./yaml.ts";
import type { Config } from "./schema.ts";

/** An invalid config: the message lists each problem as `path: key.path: problem`. */
export class ConfigError extends UsageError {
  override name = "ConfigError";
}

/** The keys allowed at a path of the config, from the defaults. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let node: unknown = DEFAULT_CONFIG;
  for (const key of path) {
    if (node === null || typeof node !== "object") return [];
    node = Array.isArray(node) ? node[0] : (node as Record<PropertyKey, unknown>)[key];
  }
  if (path.length >= 2 && path[0] === "analytics" && path[1] === "error_types") {
    return ["name", "pattern", "flags"];
  }
  return node !== null && typeof node === "object" && !Array.isArray(node) ? Object.keys(node) : [];
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join(".") || "(top level)";
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const hint = closestName(key, keysAt(issue.path));
      const where = issue.path.length ? `${path}.${key}` : key;
      return `${where}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}`;
    });
  }
  return [`${path}: ${issue.message}`];
}

/**
 * Validates a parsed YAML document; `source` names it in errors.
 *
 * @example
 * ```ts
 * import { parseConfig } from "./load.ts";
 * parseConfig({ engine: { workers: 2 } }, "inline").engine.workers; // 2
 * ```
 */
export function parseConfig(document: unknown, source: string): Config {
  const result = ConfigSchema.safeParse(document ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(describeIssue);
  throw new ConfigError(`invalid config ${source}:\n  ${problems.join("\n  ")}`);
}

/**
 * Reads, parses and validates the config file at `path`.
 *
 * @example
 * ```ts
 * import { loadConfig } from "./load.ts";
 * // const config = await loadConfig("config/config.yaml");
 * ```
 */
export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "not found"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : error instanceof Deno.errors.IsADirectory
      ? "is a directory"
      : (error as Error).message;
    throw new ConfigError(`cannot read config ${path}: ${reason}`);
  }
  if (text.trim() === "") {
    throw new ConfigError(`config ${path} is empty (delete --config to use the defaults)`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `config ${path} is not valid YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new ConfigError(
      `config ${path}: the top level must be a mapping of sections (input, engine, …)`,
    );
  }
  return parseConfig(document, path);
}

/**
 * The worker count: `engine.workers`, or the number of cores when it is 0.
 *
 * @example
 * ```ts
 * import { resolveWorkers } from "./load.ts";
 * import { DEFAULT_CONFIG } from "./schema.ts";
 * resolveWorkers(DEFAULT_CONFIG) >= 1; // true
 * ```
 */
export function resolveWorkers(config: Config): number {
  if (config.engine.workers > 0) return config.engine.workers;
  return Math.max(1, navigator.hardwareConcurrency || 1);
}
