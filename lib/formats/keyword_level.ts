/**
 * Level inference from message keywords, for formats that carry no level
 * (most syslog programs, access-less app logs, several Loghub systems).
 *
 * Keywords are matched as whole words, case-insensitively: `\bfail\b` must not
 * fire on "failover" and `\berror\b` must not fire on "errorless". The most
 * severe matching class wins, so "fatal error" is CRITICAL, not ERROR.
 *
 * @example
 * ```ts
 * import { inferLevel } from "./keyword_level.ts";
 * inferLevel("Connection failed: timeout"); // "ERROR"
 * ```
 * @module
 */

/**
 * The levels keyword inference can produce.
 *
 * @example
 * ```ts
 * import { type InferredLevel, inferLevel } from "./keyword_level.ts";
 * const level: InferredLevel = inferLevel("disk failure"); // "ERROR"
 * ```
 */
export type InferredLevel = "CRITICAL" | "ERROR" | "WARN" | "INFO";

/**
 * Keyword lists per level. Each entry is a regular-expression fragment (so
 * `fail(?:ed|ure)?` covers three words); it is wrapped in `\b…\b` and matched
 * case-insensitively. A list left out keeps its default.
 *
 * @example
 * ```ts
 * import type { KeywordLevelOptions } from "./keyword_level.ts";
 * const options: KeywordLevelOptions = { error: ["denied", "refused"], warn: ["slow"] };
 * ```
 */
export interface KeywordLevelOptions {
  critical?: readonly string[];
  error?: readonly string[];
  warn?: readonly string[];
}

/**
 * The default keyword lists.
 *
 * @example
 * ```ts
 * import { DEFAULT_LEVEL_KEYWORDS } from "./keyword_level.ts";
 * DEFAULT_LEVEL_KEYWORDS.warn; // ["warn(?:ing)?"]
 * ```
 */
export const DEFAULT_LEVEL_KEYWORDS: Readonly<Required<KeywordLevelOptions>> = {
  critical: ["fatal", "panic", "critical"],
  error: ["error", "exception", "fail(?:ed|ure)?"],
  warn: ["warn(?:ing)?"],
};

/**
 * A compiled keyword classifier: one regex per level, most severe first.
 *
 * @example
 * ```ts
 * import { compileKeywordLevels, type KeywordLevelMatcher } from "./keyword_level.ts";
 * const matcher: KeywordLevelMatcher = compileKeywordLevels();
 * matcher.rules.map((r) => r.level); // ["CRITICAL", "ERROR", "WARN"]
 * ```
 */
export interface KeywordLevelMatcher {
  readonly rules: ReadonlyArray<{ readonly level: InferredLevel; readonly regex: RegExp | null }>;
}

function wordsRegex(words: readonly string[]): RegExp | null {
  // An empty list disables the class instead of building /\b(?:)\b/, which
  // would match at every word boundary.
  if (words.length === 0) return null;
  return new RegExp(`\\b(?:${words.map((w) => `(?:${w})`).join("|")})\\b`, "i");
}

/**
 * Compiles keyword lists once, so the per-line call only runs three regexes.
 * Throws a SyntaxError naming the bad fragment when one is not a valid regex.
 *
 * @example
 * ```ts
 * import { compileKeywordLevels, inferLevel } from "./keyword_level.ts";
 * const m = compileKeywordLevels({ error: ["denied"] });
 * inferLevel("access denied", m); // "ERROR"
 * ```
 */
export function compileKeywordLevels(options: KeywordLevelOptions = {}): KeywordLevelMatcher {
  const lists = { ...DEFAULT_LEVEL_KEYWORDS, ...options };
  for (const word of [...lists.critical, ...lists.error, ...lists.warn]) {
    try {
      new RegExp(word);
    } catch (e) {
      throw new SyntaxError(`level keyword ${JSON.stringify(word)}: ${(e as Error).message}`);
    }
  }
  return {
    rules: [
      { level: "CRITICAL", regex: wordsRegex(lists.critical) },
      { level: "ERROR", regex: wordsRegex(lists.error) },
      { level: "WARN", regex: wordsRegex(lists.warn) },
    ],
  };
}

const DEFAULT_MATCHER = compileKeywordLevels();

/**
 * Infers a level from a message: the most severe class with a keyword in the
 * message, else INFO.
 *
 * @example
 * ```ts
 * import { inferLevel } from "./keyword_level.ts";
 * inferLevel("kernel panic - not syncing"); // "CRITICAL"
 * inferLevel("Warning: disk 91% full"); // "WARN"
 * inferLevel("user logged in"); // "INFO"
 * ```
 */
export function inferLevel(
  message: string,
  matcher: KeywordLevelMatcher = DEFAULT_MATCHER,
): InferredLevel {
  for (const rule of matcher.rules) {
    if (rule.regex !== null && rule.regex.test(message)) return rule.level;
  }
  return "INFO";
}

// Parsers are called once per line with the same options object, so plain
// lists are compiled once per object rather than once per line.
const compiledLists = new WeakMap<KeywordLevelOptions, KeywordLevelMatcher>();

/**
 * Resolves the `levelKeywords` option the parsers accept: a compiled matcher
 * is used as is; plain lists are compiled once per options object.
 *
 * @example
 * ```ts
 * import { resolveKeywordMatcher } from "./keyword_level.ts";
 * resolveKeywordMatcher(undefined).rules.length; // 3
 * ```
 */
export function resolveKeywordMatcher(
  option: KeywordLevelOptions | KeywordLevelMatcher | undefined,
): KeywordLevelMatcher {
  if (option === undefined) return DEFAULT_MATCHER;
  if ("rules" in option) return option;
  let matcher = compiledLists.get(option);
  if (matcher === undefined) {
    matcher = compileKeywordLevels(option);
    compiledLists.set(option, matcher);
  }
  return matcher;
}
