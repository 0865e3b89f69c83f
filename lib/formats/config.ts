/**
 * Format configs as stored in `config/formats/*.yaml`, validated from an
 * already-parsed YAML document (parsing the text is the caller's job, so this
 * module stays free of I/O), and turned into a line parser.
 *
 * ```yaml
 * format: pattern
 * pattern: '^(?<date>\d{6}) (?<time>\d{6}) (?<pid>\d+) (?<level>\w+) (?<service>[^:]+): (?<message>.*)$'
 * timestamp: "{date} {time}"
 * ```
 *
 * @example
 * ```ts
 * import { createLineParser, formatConfigFromDocument } from "./config.ts";
 * const config = formatConfigFromDocument({ format: "logfmt" }, "inline");
 * createLineParser(config)("level=warn msg=slow").ok; // true
 * ```
 * @module
 */

import { parseAccessLog } from "./access_log.ts";
import type { FieldNameOptions } from "./field_map.ts";
import { parseJsonLine } from "./json_lines.ts";
import { parseLogfmt } from "./logfmt.ts";
import { compilePattern } from "./pattern.ts";
import { parsePattern } from "./pattern.ts";
import type { ParseOutcome } from "./record.ts";
import { compileKeywordLevels } from "./keyword_level.ts";
import type { KeywordLevelOptions } from "./keyword_level.ts";
import { parseSyslog } from "./syslog.ts";

/**
 * A validated format config.
 *
 * @example
 * ```ts
 * import type { FormatConfig } from "./config.ts";
 * const config: FormatConfig = { format: "syslog", defaultYear: 2017 };
 * ```
 */
export type FormatConfig =
  | { format: "pattern"; pattern: string; flags?: string; timestamp?: string }
  | { format: "jsonl" | "logfmt"; fields: FieldNameOptions }
  | { format: "access" }
  | { format: "syslog"; defaultYear?: number; utcOffsetMinutes?: number };

/**
 * A config document that does not describe a format; the message names the source and key.
 *
 * @example
 * ```ts
 * import { FormatConfigError, formatConfigFromDocument } from "./config.ts";
 * try {
 *   formatConfigFromDocument({ format: "xml" }, "a.yaml");
 * } catch (e) {
 *   e instanceof FormatConfigError; // true
 * }
 * ```
 */
export class FormatConfigError extends Error {
  override name = "FormatConfigError";
}

const FIELD_KEYS: Readonly<Record<string, keyof FieldNameOptions>> = {
  timestamp: "timestampFields",
  level: "levelFields",
  message: "messageFields",
  service: "serviceFields",
  ip: "ipFields",
  endpoint: "endpointFields",
};

const ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = {
  pattern: ["pattern", "flags", "timestamp"],
  jsonl: ["fields"],
  logfmt: ["fields"],
  access: [],
  syslog: ["default_year", "utc_offset_minutes"],
};

function optionalString(doc: Record<string, unknown>, key: string, source: string) {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new FormatConfigError(`${source}: ${key} must be a string`);
  return value;
}

function optionalInteger(doc: Record<string, unknown>, key: string, source: string) {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new FormatConfigError(`${source}: ${key} must be an integer`);
  }
  return value;
}

function fieldNames(value: unknown, source: string): FieldNameOptions {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FormatConfigError(`${source}: fields must be a mapping of field to name list`);
  }
  const out: Record<string, string[]> = {};
  for (const [key, names] of Object.entries(value)) {
    const option = FIELD_KEYS[key];
    if (option === undefined) {
      const known = Object.keys(FIELD_KEYS).join(", ");
      throw new FormatConfigError(`${source}: fields.${key}: unknown field (known: ${known})`);
    }
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
      throw new FormatConfigError(`${source}: fields.${key} must be a list of strings`);
    }
    out[option] = names;
  }
  return out as FieldNameOptions;
}

/**
 * Validates a parsed YAML document as a format config; `source` names it in
 * errors. For `pattern` the regex and template are also compiled, so a bad
 * config fails here rather than on the first line.
 *
 * @example
 * ```ts
 * import { formatConfigFromDocument } from "./config.ts";
 * formatConfigFromDocument({ format: "syslog", default_year: 2017 }, "auth.yaml");
 * // { format: "syslog", defaultYear: 2017, utcOffsetMinutes: undefined }
 * ```
 */
export function formatConfigFromDocument(doc: unknown, source: string): FormatConfig {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new FormatConfigError(`${source}: expected a mapping with a "format" key`);
  }
  const record = doc as Record<string, unknown>;
  const format = record.format;
  if (typeof format !== "string" || !(format in ALLOWED_KEYS)) {
    const known = Object.keys(ALLOWED_KEYS).join(", ");
    throw new FormatConfigError(`${source}: format must be one of ${known}`);
  }
  for (const key of Object.keys(record)) {
    if (key !== "format" && !ALLOWED_KEYS[format].includes(key)) {
      throw new FormatConfigError(`${source}: ${key}: unknown key for format ${format}`);
    }
  }
  switch (format) {
    case "pattern": {
      const pattern = optionalString(record, "pattern", source);
      if (pattern === undefined) throw new FormatConfigError(`${source}: pattern is required`);
      const config = {
        format,
        pattern,
        flags: optionalString(record, "flags", source),
        timestamp: optionalString(record, "timestamp", source),
      } as const;
      try {
        compilePattern(config);
      } catch (e) {
        throw new FormatConfigError(`${source}: ${(e as Error).message}`);
      }
      return config;
    }
    case "jsonl":
    case "logfmt":
      return { format, fields: fieldNames(record.fields, source) };
    case "syslog":
      return {
        format,
        defaultYear: optionalInteger(record, "default_year", source),
        utcOffsetMinutes: optionalInteger(record, "utc_offset_minutes", source),
      };
    default:
      return { format: "access" };
  }
}

/**
 * A line parser for a config, with everything compiled once up front.
 *
 * @example
 * ```ts
 * import { createLineParser } from "./config.ts";
 * const parse = createLineParser({ format: "pattern", pattern: "^(?<level>\\w+) (?<message>.*)$" });
 * parse("WARN disk full").ok; // true
 * ```
 */
export function createLineParser(
  config: FormatConfig,
  levelKeywords?: KeywordLevelOptions,
): (line: string) => ParseOutcome {
  // Compiled once: every line without a level field is matched against them.
  const keywords = levelKeywords === undefined ? undefined : compileKeywordLevels(levelKeywords);
  switch (config.format) {
    case "pattern": {
      const compiled = compilePattern({ ...config, levelKeywords: keywords });
      return (line) => parsePattern(line, compiled);
    }
    case "jsonl": {
      const fields = { ...config.fields, levelKeywords: keywords };
      return (line) => parseJsonLine(line, fields);
    }
    case "logfmt": {
      const fields = { ...config.fields, levelKeywords: keywords };
      return (line) => parseLogfmt(line, fields);
    }
    case "syslog": {
      const options = {
        defaultYear: config.defaultYear,
        utcOffsetMinutes: config.utcOffsetMinutes,
        levelKeywords: keywords,
      };
      return (line) => parseSyslog(line, options);
    }
    case "access":
      return (line) => parseAccessLog(line);
  }
}
