/**
 * Token-level helpers shared by the miner: wildcard patterns (`uid=<*>`),
 * the collapsed form of a template, and the value part of a token.
 *
 * @module
 */

import { WILDCARD } from "./mask.ts";

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c > 127;
}

/**
 * True if `token` fits `pattern`: equal, or `pattern` holds a wildcard and
 * `token` has the same text before and after it (`uid=<*>` fits `uid=0` and
 * `uid=root`; `<*>` fits anything).
 *
 * @example
 * ```ts
 * import { matchesPattern } from "./tokens.ts";
 * matchesPattern("(uid=<*>)", "(uid=cyrus)"); // true
 * matchesPattern("(uid=<*>)", "uid=0"); // false
 * ```
 */
export function matchesPattern(pattern: string, token: string): boolean {
  if (pattern === WILDCARD || pattern === token) return true;
  const at = pattern.indexOf(WILDCARD);
  if (at < 0) return false;
  // Compare the text before and after the wildcard in place (no slices: this
  // runs for every wildcard of every candidate cluster).
  const tail = pattern.length - at - WILDCARD.length;
  if (token.length < at + tail) return false;
  for (let i = 0; i < at; i++) if (pattern.charCodeAt(i) !== token.charCodeAt(i)) return false;
  const offset = token.length - pattern.length;
  for (let i = pattern.length - tail; i < pattern.length; i++) {
    if (pattern.charCodeAt(i) !== token.charCodeAt(i + offset)) return false;
  }
  return true;
}

/**
 * True if the token holds a wildcard and no letter or digit besides it
 * (`<*>`, `(<*>`, `<*>,`): a value, possibly with punctuation.
 *
 * @example
 * ```ts
 * import { isWildValue } from "./tokens.ts";
 * isWildValue("(<*>"); // true
 * isWildValue("uid=<*>"); // false
 * ```
 */
export function isWildValue(token: string): boolean {
  const at = token.indexOf(WILDCARD);
  if (at < 0) return false;
  for (let i = 0; i < token.length; i++) {
    if (i === at) i += WILDCARD.length - 1;
    else if (isAlnum(token.charCodeAt(i))) return false;
  }
  return true;
}

/** True for a token of punctuation only (`-`, `:`, `|`), not a wildcard. */
function isPunctuation(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (isAlnum(token.charCodeAt(i))) return false;
  return !token.includes(WILDCARD);
}

/**
 * The template with each run of wildcard values, and punctuation between
 * them, collapsed to one `<*>`. Two templates with the same collapsed form
 * differ only in how many tokens a variable took (`0 bytes` against
 * `1190 bytes (1.16 KB)`), so they are one template.
 *
 * @example
 * ```ts
 * import { collapsedTemplate } from "./tokens.ts";
 * collapsedTemplate(["<*>", "-", "<*>", "close,", "<*>", "<*>", "(<*>", "<*>)", "sent"]);
 * // "<*> close, <*> sent"
 * ```
 */
export function collapsedTemplate(tokens: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isWildValue(tokens[i])) {
      out.push(tokens[i++]);
      continue;
    }
    let end = i + 1;
    for (;;) {
      let k = end;
      while (k < tokens.length && isPunctuation(tokens[k])) k++;
      if (k < tokens.length && isWildValue(tokens[k])) end = k + 1;
      else break;
    }
    out.push(WILDCARD);
    i = end;
  }
  return out.join(" ");
}

const NAME_END = new Set(["=", ":"]);
const OPENERS = "([{<\"'";
const CLOSERS = ")]}>\"',;:.";

/**
 * The value part of a token: after the last `=` or `:` (not a final `:`),
 * without brackets, quotes or trailing punctuation. Used to see the same
 * value in different tokens (`user=root`, `root`, `(root)`).
 *
 * @example
 * ```ts
 * import { valueOf } from "./tokens.ts";
 * valueOf("user=root,"); // "root"
 * valueOf("(cyrus)"); // "cyrus"
 * ```
 */
export function valueOf(token: string): string {
  let a = 0;
  for (let i = token.length - 2; i >= 0; i--) {
    if (NAME_END.has(token[i])) {
      a = i + 1;
      break;
    }
  }
  let b = token.length;
  while (a < b && OPENERS.includes(token[a])) a++;
  while (b > a && CLOSERS.includes(token[b - 1])) b--;
  return token.slice(a, b);
}

/**
 * Number of tokens other than the one at `skip` that hold no wildcard.
 *
 * @example
 * ```ts
 * import { constantCount } from "./tokens.ts";
 * constantCount(["user", "<*>", "uid=<*>", "ok"], 3); // 1
 * ```
 */
export function constantCount(tokens: readonly string[], skip = -1): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i !== skip && !tokens[i].includes(WILDCARD)) n++;
  }
  return n;
}
