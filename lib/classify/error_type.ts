/**
 * Error types from ordered `{name, pattern}` rules: the first rule whose
 * pattern matches a template names its type; the name may refer to capture
 * groups (`$1`, `$<group>`). No match → the template itself is the type.
 *
 * @module
 */

/** One `analytics.error_types` rule. */
export interface ErrorTypeRule {
  /** The type's name; `$1` / `$<name>` are replaced by capture groups. */
  name: string;
  /** A JavaScript regular expression. */
  pattern: string;
  /** RegExp flags, e.g. `i`. */
  flags?: string;
}

interface CompiledRule {
  name: string;
  regex: RegExp;
}

/**
 * Classifies templates by the first matching rule.
 *
 * @example
 * ```ts
 * import { ErrorTypeClassifier } from "./error_type.ts";
 * const classifier = new ErrorTypeClassifier([
 *   { name: "$1", pattern: "\\b([A-Z]\\w*Exception)\\b" },
 *   { name: "Timeout", pattern: "timed? ?out", flags: "i" },
 * ]);
 * classifier.classify("java.lang.NullPointerException at x"); // "NullPointerException"
 * classifier.classify("Request timed out after <*> s"); // "Timeout"
 * classifier.classify("Disk full"); // "Disk full"
 * ```
 */
export class ErrorTypeClassifier {
  readonly #rules: CompiledRule[];

  /** Compiles the rules; throws a SyntaxError naming the rule when a pattern is invalid. */
  constructor(rules: readonly ErrorTypeRule[]) {
    this.#rules = rules.map((rule, index) => {
      try {
        return {
          name: rule.name,
          regex: new RegExp(rule.pattern, (rule.flags ?? "").replace(/[gy]/g, "")),
        };
      } catch (error) {
        throw new SyntaxError(
          `analytics.error_types[${index}] (${rule.name}): invalid pattern: ${
            (error as Error).message
          }`,
        );
      }
    });
  }

  /** The error type of a template. Never empty. */
  classify(template: string): string {
    for (const { name, regex } of this.#rules) {
      const match = regex.exec(template);
      if (match === null) continue;
      const type = expandName(name, match).trim();
      if (type !== "") return type;
    }
    return template.trim() === "" ? "(empty message)" : template;
  }
}

/** Replaces `$n` and `$<name>` in a rule name by the match's groups. */
function expandName(name: string, match: RegExpExecArray): string {
  if (!name.includes("$")) return name;
  return name.replace(
    /\$(\d+)|\$<([^>]+)>/g,
    (_, index: string | undefined, group: string | undefined) => {
      if (index !== undefined) return match[Number(index)] ?? "";
      return match.groups?.[group ?? ""] ?? "";
    },
  );
}
