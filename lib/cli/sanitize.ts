/**
 * Making log text safe for a terminal or a one-line log: control characters
 * (C0, DEL, C1) are escaped so no byte of input can move the cursor, retitle
 * the window, change colours or start a new line.
 *
 * @module
 */

// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

/**
 * Replaces every control character by a visible escape (`\n`, `\e`, `\x07`, `\u2028`).
 *
 * @example
 * ```ts
 * import { escapeControl } from "./sanitize.ts";
 * escapeControl("a\u001b[31mred\nb"); // "a\\e[31mred\\nb"
 * ```
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });
}
