/**
 * A line format as the pipeline uses it: the parser's config plus how to
 * read the timestamp text (`timestamp_format`) and how to name levels
 * (`levels`, e.g. Android's one-letter `E` → `ERROR`). Plain data, so it
 * travels in the ingest manifest and to the workers; compiled once per worker.
 *
 * @module
 */

import { compileTimeFormat } from "../time/time_format.ts";
import type { TimeFormatParser } from "../time/time_format.ts";
import { createLineParser, FormatConfigError, formatConfigFromDocument } from "./config.ts";
import type { FormatConfig } from "./config.ts";
import type { ParseOutcome } from "./record.ts";
import { compileKeywordLevels } from "./keyword_level.ts";
import type { KeywordLevelOptions } from "./keyword_level.ts";

/** A line format: parser config, timestamp format, level names. */
export interface LineFormatSpec {
  config: FormatConfig;
  /** strftime-like format of the timestamp text (see `time_format.ts`); null = guess. */
  timestampFormat: string | null;
  /** Level text (case-insensitive) → level name, applied before the usual aliases. */
  levels: Record<string, string>;
  /** Keywords that give a line without a level field its level (default lists when absent). */
  levelKeywords?: KeywordLevelOptions;
}

/** A spec ready to parse lines. */
export interface CompiledLineFormat {
  parse: (line: string) => ParseOutcome;
  time: TimeFormatParser | null;
  /** Upper-cased level text → level name. */
  levels: Map<string, string>;
}

/**
 * Validates a format document (a `config/formats/*.yaml` file, or an
 * `input.formats` entry without its `match`); `source` names it in errors.
 *
 * @example
 * ```ts
 * import { lineFormatFromDocument } from "./spec.ts";
 * lineFormatFromDocument({ format: "logfmt", levels: { E: "ERROR" } }, "inline").levels; // { E: "ERROR" }
 * ```
 */
export function lineFormatFromDocument(doc: unknown, source: string): LineFormatSpec {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new FormatConfigError(`${source}: expected a mapping with a "format" key`);
  }
  const { timestamp_format, levels, level_keywords, ...rest } = doc as Record<string, unknown>;
  if (timestamp_format !== undefined && typeof timestamp_format !== "string") {
    throw new FormatConfigError(`${source}: timestamp_format must be a string`);
  }
  if (typeof timestamp_format === "string") {
    try {
      compileTimeFormat(timestamp_format);
    } catch (error) {
      throw new FormatConfigError(`${source}: timestamp_format: ${(error as Error).message}`);
    }
  }
  const levelMap: Record<string, string> = {};
  if (levels !== undefined) {
    if (levels === null || typeof levels !== "object" || Array.isArray(levels)) {
      throw new FormatConfigError(`${source}: levels must map level text to a level name`);
    }
    for (const [text, name] of Object.entries(levels)) {
      if (typeof name !== "string") {
        throw new FormatConfigError(`${source}: levels.${text} must be a level name`);
      }
      levelMap[text] = name;
    }
  }
  const spec: LineFormatSpec = {
    config: formatConfigFromDocument(rest, source),
    timestampFormat: timestamp_format ?? null,
    levels: levelMap,
  };
  if (level_keywords !== undefined) spec.levelKeywords = levelKeywordsOf(level_keywords, source);
  return spec;
}

/**
 * Compiles a spec.
 *
 * @example
 * ```ts
 * import { compileLineFormat } from "./spec.ts";
 * const format = compileLineFormat({ config: { format: "access" }, timestampFormat: null, levels: {} });
 * format.parse('1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1').ok; // true
 * ```
 */
export function compileLineFormat(spec: LineFormatSpec): CompiledLineFormat {
  return {
    parse: createLineParser(spec.config, spec.levelKeywords),
    time: spec.timestampFormat === null ? null : compileTimeFormat(spec.timestampFormat),
    levels: new Map(
      Object.entries(spec.levels).map(([text, name]) => [text.toUpperCase(), name]),
    ),
  };
}

function levelKeywordsOf(value: unknown, source: string): KeywordLevelOptions {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FormatConfigError(`${source}: level_keywords must map critical/error/warn to lists`);
  }
  const out: KeywordLevelOptions = {};
  for (const [level, words] of Object.entries(value)) {
    if (level !== "critical" && level !== "error" && level !== "warn") {
      throw new FormatConfigError(
        `${source}: level_keywords.${level}: use critical, error or warn`,
      );
    }
    if (!Array.isArray(words) || !words.every((w) => typeof w === "string" && w !== "")) {
      throw new FormatConfigError(`${source}: level_keywords.${level} must be a list of patterns`);
    }
    out[level] = words;
  }
  try {
    compileKeywordLevels(out);
  } catch (error) {
    throw new FormatConfigError(`${source}: level_keywords: ${(error as Error).message}`);
  }
  return out;
}
