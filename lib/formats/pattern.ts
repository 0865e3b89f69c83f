/**
 * Lines described by a configurable JavaScript regular expression with named
 * groups: `ts`, `level`, `service`, `ip`, `endpoint` and `message` fill the
 * record fields of the same name; any other group (`date`, `time`, `pid`…) can
 * be stitched into the timestamp text with a template such as
 * `"{date} {time}"`. This covers the many in-house formats (Loghub's 16
 * systems among them) that no fixed parser knows.
 *
 * @example
 * ```ts
 * import { parsePattern } from "./pattern.ts";
 * const hdfs = {
 *   pattern: String.raw`^(?<date>\d{6}) (?<time>\d{6}) (?<pid>\d+) (?<level>\w+) (?<service>[^:]+): (?<message>.*)$`,
 *   timestamp: "{date} {time}",
 * };
 * const out = parsePattern("081109 203615 148 INFO dfs.DataNode: Receiving block", hdfs);
 * out.ok && [out.fields.ts, out.fields.service]; // ["081109 203615", "dfs.DataNode"]
 * ```
 * @module
 */

import { stripQuery } from "./field_map.ts";
import {
  inferLevel,
  type KeywordLevelMatcher,
  type KeywordLevelOptions,
  resolveKeywordMatcher,
} from "./keyword_level.ts";
import { accept, type ParseOutcome, reject, stripEol } from "./record.ts";

/**
 * Options for {@link parsePattern}.
 *
 * @example
 * ```ts
 * import type { PatternOptions } from "./pattern.ts";
 * const options: PatternOptions = { pattern: "^(?<level>\\w+) (?<message>.*)$", inferLevel: false };
 * ```
 */
export interface PatternOptions {
  /** The regex (source text or RegExp) with named groups. */
  pattern: string | RegExp;
  /** Regex flags when `pattern` is source text (e.g. "i"); "g" and "y" are refused. */
  flags?: string;
  /** How to assemble the ts text from groups, e.g. "{date} {time}"; a `ts` group wins over it. */
  timestamp?: string;
  /** Infer the level from message keywords when no `level` group matched (default true). */
  inferLevel?: boolean;
  /** Keyword lists (or a compiled matcher) for that inference. */
  levelKeywords?: KeywordLevelOptions | KeywordLevelMatcher;
}

/**
 * A validated, compiled pattern; build once with {@link compilePattern}, use per line.
 *
 * @example
 * ```ts
 * import { type CompiledPattern, compilePattern, parsePattern } from "./pattern.ts";
 * const compiled: CompiledPattern = compilePattern({ pattern: "^(?<message>.*)$" });
 * parsePattern("hello", compiled).ok; // true
 * ```
 */
export interface CompiledPattern {
  readonly regex: RegExp;
  /** The named groups the regex defines. */
  readonly groups: ReadonlySet<string>;
  /** The timestamp template split into literal text (even indices) and group names (odd). */
  readonly template: readonly string[] | null;
  readonly keywords: KeywordLevelMatcher | null;
}

const TEMPLATE_REF = /\{([A-Za-z_$][\w$]*)\}/;

/**
 * The named groups of a regex. JavaScript has no API for them, so the regex is
 * widened to also match the empty string: the match's `groups` object then
 * lists every name (with undefined values).
 */
function groupNames(regex: RegExp): Set<string> {
  const probe = new RegExp(`(?:${regex.source})|`, regex.flags.replace(/[gy]/g, ""));
  const match = probe.exec("");
  return new Set(Object.keys(match?.groups ?? {}));
}

/**
 * Validates and compiles pattern options. Throws a SyntaxError for an invalid
 * regex, and an Error when the regex has no named group, uses the g/y flags
 * (their `lastIndex` state would make results depend on the previous line),
 * or the template names a group the regex lacks.
 *
 * @example
 * ```ts
 * import { compilePattern } from "./pattern.ts";
 * const p = compilePattern({ pattern: "^(?<level>\\w+): (?<message>.*)$" });
 * [...p.groups]; // ["level", "message"]
 * ```
 */
export function compilePattern(options: PatternOptions): CompiledPattern {
  let regex: RegExp;
  if (typeof options.pattern === "string") {
    try {
      regex = new RegExp(options.pattern, options.flags ?? "");
    } catch (e) {
      throw new SyntaxError(`pattern: invalid regular expression: ${(e as Error).message}`);
    }
  } else {
    regex = options.pattern;
  }
  if (/[gy]/.test(regex.flags)) throw new Error("pattern: the g and y flags are not allowed");
  const groups = groupNames(regex);
  if (groups.size === 0) {
    throw new Error("pattern: the regex has no named groups, e.g. (?<message>.*)");
  }
  let template: string[] | null = null;
  if (options.timestamp !== undefined) {
    // split with a capturing group alternates literal text and group names.
    template = options.timestamp.split(new RegExp(TEMPLATE_REF.source, "g"));
    const refs = template.filter((_, i) => i % 2 === 1);
    if (refs.length === 0) throw new Error(`pattern: timestamp template names no {group}`);
    const missing = refs.filter((name) => !groups.has(name));
    if (missing.length > 0) {
      throw new Error(`pattern: timestamp template names unknown group(s): ${missing.join(", ")}`);
    }
  }
  const keywords = options.inferLevel === false
    ? null
    : resolveKeywordMatcher(options.levelKeywords);
  return { regex, groups, template, keywords };
}

// parsePattern is called per line with the same options object; compile once.
const compiledOptions = new WeakMap<PatternOptions, CompiledPattern>();

function compiledOf(options: PatternOptions | CompiledPattern): CompiledPattern {
  if ("regex" in options) return options;
  let compiled = compiledOptions.get(options);
  if (compiled === undefined) {
    compiled = compilePattern(options);
    compiledOptions.set(options, compiled);
  }
  return compiled;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

function fillTemplate(template: readonly string[], groups: Record<string, string | undefined>) {
  let out = "";
  let found = false;
  for (let i = 0; i < template.length; i++) {
    if (i % 2 === 0) {
      out += template[i];
    } else {
      const value = groups[template[i]];
      if (value !== undefined && value !== "") found = true;
      out += value ?? "";
    }
  }
  // A template over optional groups none of which matched has no timestamp.
  return found ? out : null;
}

function describePattern(regex: RegExp): string {
  const source = regex.source;
  return source.length > 60 ? `/${source.slice(0, 57)}.../` : `/${source}/`;
}

/**
 * Parses one line with a pattern. A line that does not match is rejected with
 * the pattern named; without a `message` group the whole line is the message.
 * Options may be the plain options (compiled once per object) or the result of
 * {@link compilePattern}.
 *
 * @example
 * ```ts
 * import { parsePattern } from "./pattern.ts";
 * const opts = { pattern: String.raw`^\[(?<ts>[^\]]+)\] \[(?<level>\w+)\] (?<message>.*)$` };
 * const out = parsePattern("[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error state 6", opts);
 * out.ok && out.fields.level; // "error"
 * parsePattern("garbage", opts).ok; // false
 * ```
 */
export function parsePattern(
  line: string,
  options: PatternOptions | CompiledPattern,
): ParseOutcome {
  const compiled = compiledOf(options);
  const text = stripEol(line);
  const match = compiled.regex.exec(text);
  if (match === null) {
    return reject(`pattern: line does not match ${describePattern(compiled.regex)}`);
  }
  const g: Record<string, string | undefined> = match.groups ?? {};
  const message = compiled.groups.has("message") ? g.message ?? "" : text;
  let ts = nonEmpty(g.ts);
  if (ts === null && compiled.template !== null) ts = fillTemplate(compiled.template, g);
  let level = nonEmpty(g.level);
  if (level === null && compiled.keywords !== null) level = inferLevel(message, compiled.keywords);
  const endpoint = nonEmpty(g.endpoint);
  return accept({
    ts,
    level,
    service: nonEmpty(g.service),
    ip: nonEmpty(g.ip),
    endpoint: endpoint === null ? null : stripQuery(endpoint),
    message,
  });
}
