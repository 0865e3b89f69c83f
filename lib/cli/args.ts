/**
 * Command-line arguments of every task: `--config PATH`, `--help`, and the
 * task's own flags, parsed strictly (an unknown flag is a usage error with a
 * suggestion).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { closestName } from "./suggest.ts";
import { UsageError } from "./exit.ts";

/** One task-specific flag. */
export interface FlagSpec {
  type: "string" | "boolean";
  description: string;
  /** Shown in help, e.g. `N`. */
  placeholder?: string;
}

/** A task's name, one-line summary and flags. */
export interface CommandSpec {
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
}

/** Parsed arguments. */
export interface CommandArgs {
  help: boolean;
  /** The config path (default `config/config.yaml`). */
  config: string;
  values: Record<string, string | boolean | undefined>;
}

/** The config file used when `--config` is not given. */
export const DEFAULT_CONFIG_PATH = "config/config.yaml";

/**
 * Parses `argv` for a task.
 *
 * @example
 * ```ts
 * import { parseCommandArgs } from "./args.ts";
 * const args = parseCommandArgs({ name: "gen", summary: "", flags: { rows: { type: "string", description: "" } } }, ["--rows", "5"]);
 * args.values.rows; // "5"
 * ```
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): CommandArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    help: { type: "boolean", short: "h" },
    config: { type: "string" },
  };
  for (const [name, flag] of Object.entries(spec.flags)) options[name] = { type: flag.type };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '--?([^']+)'/.exec(message)?.[1];
    const hint = unknown ? closestName(unknown, Object.keys(options)) : undefined;
    throw new UsageError(
      `${spec.name}: ${message}${
        hint ? ` (did you mean --${hint}?)` : ""
      }; see \`deno task ${spec.name} --help\``,
    );
  }
  const { help, config, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  return {
    help: help === true,
    config: typeof config === "string" ? config : DEFAULT_CONFIG_PATH,
    values,
  };
}

/**
 * The `--help` text of a task.
 *
 * @example
 * ```ts
 * import { formatHelp } from "./args.ts";
 * formatHelp({ name: "ingest", summary: "Find input files.", flags: {} }).startsWith("Usage:"); // true
 * ```
 */
export function formatHelp(spec: CommandSpec): string {
  const rows: [string, string][] = [
    ["--config PATH", `config file (default ${DEFAULT_CONFIG_PATH})`],
    ...Object.entries(spec.flags).map(([name, flag]): [string, string] => [
      `--${name}${flag.type === "string" ? ` ${flag.placeholder ?? "VALUE"}` : ""}`,
      flag.description,
    ]),
    ["-h, --help", "show this help"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `Usage: deno task ${spec.name} [options]`,
    "",
    spec.summary,
    "",
    "Options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    "",
    "Exit codes: 0 ok, 1 internal error, 2 usage/config error or missing earlier stage, 3 no input.",
  ].join("\n");
}
