/**
 * Choosing each input file's format: the first `input.formats` rule whose
 * `match` glob fits the file, else detection from its first lines (files
 * named `*.csv` are CSV without asking).
 *
 * A rule is a format document inline (`format: pattern`, `pattern: …`), or
 * `include:` a format file such as `config/formats/HDFS.yaml` (inline keys
 * override the file's).
 *
 * @module
 */

import { ConfigError } from "../config/load.ts";
import { parseYaml } from "../config/yaml.ts";
import { detectFormat } from "../formats/detect.ts";
import type { Detection } from "../formats/detect.ts";
import { lineFormatFromDocument } from "../formats/spec.ts";
import type { LineFormatSpec } from "../formats/spec.ts";
import { globToRegExp } from "./discover.ts";
import { readHead } from "./fingerprint.ts";

/** A configured rule as written in the config. */
export interface FormatRuleInput {
  match: string;
  include?: string;
  [key: string]: unknown;
}

/** A rule ready to apply: `spec` null means CSV. */
export interface FormatRule {
  match: string;
  test: (name: string) => boolean;
  spec: LineFormatSpec | null;
}

/**
 * Validates the rules (reading included files); throws a {@linkcode ConfigError}
 * naming `input.formats[i]` and the problem.
 *
 * @example
 * ```ts
 * import { resolveFormatRules } from "./format_rules.ts";
 * const [rule] = await resolveFormatRules([{ match: "*.ndjson", format: "jsonl" }]);
 * rule.test("logs/app.ndjson"); // true
 * ```
 */
export async function resolveFormatRules(
  rules: readonly FormatRuleInput[],
): Promise<FormatRule[]> {
  const resolved: FormatRule[] = [];
  for (const [i, rule] of rules.entries()) {
    const where = `input.formats[${i}]`;
    const { match, include, ...inline } = rule;
    let doc: Record<string, unknown> = inline;
    if (include !== undefined) {
      let text: string;
      try {
        text = await Deno.readTextFile(include);
      } catch (error) {
        throw new ConfigError(
          `${where}.include: cannot read ${include}: ${(error as Error).message}`,
        );
      }
      let included: unknown;
      try {
        included = parseYaml(text);
      } catch (error) {
        throw new ConfigError(
          `${where}.include: ${include} is not valid YAML: ${
            (error as Error).message.split("\n")[0]
          }`,
        );
      }
      if (included === null || typeof included !== "object" || Array.isArray(included)) {
        throw new ConfigError(`${where}.include: ${include} must be a mapping with a "format" key`);
      }
      doc = { ...included as Record<string, unknown>, ...inline };
    }
    let spec: LineFormatSpec | null = null;
    if (doc.format !== "csv") {
      try {
        spec = lineFormatFromDocument(doc, include ? `${where} (${include})` : where);
      } catch (error) {
        throw new ConfigError((error as Error).message);
      }
    }
    // A glob without a slash matches the file name; with one, the whole path.
    const regex = globToRegExp(match);
    const test = match.includes("/")
      ? (name: string) => regex.test(name)
      : (name: string) => regex.test(name.slice(name.lastIndexOf("/") + 1));
    resolved.push({ match, test, spec });
  }
  return resolved;
}

/** How a file's format was chosen. */
export type FormatChoice =
  | { spec: LineFormatSpec | null; how: string }
  | { problem: string };

/**
 * The format of one file: a matching rule, `*.csv` by name, or detection.
 *
 * @example
 * ```ts
 * import { chooseFormat } from "./format_rules.ts";
 * // const choice = await chooseFormat("/logs/auth.log", "logs/auth.log", false, rules);
 * ```
 */
export async function chooseFormat(
  path: string,
  name: string,
  gzip: boolean,
  rules: readonly FormatRule[],
): Promise<FormatChoice> {
  const rule = rules.find((r) => r.test(name) || r.test(path));
  if (rule) return { spec: rule.spec, how: `input.formats rule "${rule.match}"` };
  if (/\.csv(?:[.-]\d+)?(?:\.gz)?$/i.test(path)) return { spec: null, how: "name" };
  const head = new TextDecoder().decode(await readHead(path, gzip, 64 * 1024));
  const lines = head.split("\n");
  if (lines.length > 1) lines.pop(); // the last may be cut short
  const detection: Detection = detectFormat(lines);
  const how = `detected from its first lines`;
  switch (detection.format) {
    case "csv":
      return { spec: null, how };
    case "jsonl":
      return { spec: plain({ format: "jsonl", fields: {} }), how };
    case "logfmt":
      return { spec: plain({ format: "logfmt", fields: {} }), how };
    case "access":
      return { spec: plain({ format: "access" }), how };
    case "syslog3164":
    case "syslog5424":
      // No year here: the timestamp text goes through the usual parser, with
      // the configured zone and the file's default year.
      return { spec: plain({ format: "syslog" }), how };
    default:
      return {
        problem:
          "format not recognised from its first lines (not CSV, JSON lines, access log, syslog or logfmt); add an input.formats rule (see config/formats/ for pattern examples)",
      };
  }
}

function plain(config: LineFormatSpec["config"]): LineFormatSpec {
  return { config, timestampFormat: null, levels: {} };
}
