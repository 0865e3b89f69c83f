/**
 * Masking, the preprocessing step of template mining: variable parts of a
 * message become the wildcard `<*>` before clustering, so messages that
 * differ only by numbers, ids, addresses or paths start out equal.
 *
 * A message is split on whitespace; each token is classified by one pass
 * over its characters (no regex per token). Rules, in order:
 *
 * - Leading `( [ { < " '` and trailing `, ; : .` are kept around the masked
 *   core; a closing bracket is kept only if it closes a leading one.
 * - A comma-separated token (`a=1,b=2`) is masked item by item.
 * - `name=value`, `name:value`, `name(value)` and `name....value` keep the
 *   name and mask the value if the value is variable (`uid=<*>`,
 *   `setLightsOn(<*>)`, `instruction......<*>`).
 * - A value is variable if it has a decimal digit (numbers, IPs with port,
 *   UUIDs, `blk_-123`, `0x1f`, times, versions), except a word with one
 *   trailing digit (`eth1`, `ssh2`, `wl0`: interface and protocol names that
 *   are constants far more often than not); or if it is 8+ hex letters; or a
 *   path (starts with `/`, or has 2+ slashes, or a slash and 2+ dots like
 *   `com.example.app/.Main`); or `true`/`false`/`null`.
 * - After tokenizing: a month or weekday name next to a masked number is part
 *   of a date; a size or time unit (`B`, `KB`, `ms`, `sec`, `bytes`…) right
 *   after a masked number belongs to the value, so `93.0 B` and `5.2 KB`
 *   mask alike.
 *
 * @module
 */

/**
 * The wildcard token of a template.
 *
 * @example
 * ```ts
 * import { maskToken, WILDCARD } from "./mask.ts";
 * maskToken("42") === WILDCARD; // true
 * ```
 */
export const WILDCARD = "<*>";

const enum Kind {
  DIGIT = 1,
  HEX = 2,
  LETTER = 4,
  /** Characters of a `name` in `name=value`. */
  NAME = 8,
}

const KIND = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) KIND[c] = Kind.DIGIT | Kind.HEX | Kind.NAME;
for (let c = 0x41; c <= 0x5a; c++) KIND[c] = KIND[c + 32] = Kind.LETTER | Kind.NAME;
for (const c of "abcdefABCDEF") KIND[c.charCodeAt(0)] |= Kind.HEX;
for (const c of "_-.") KIND[c.charCodeAt(0)] = Kind.NAME;

const LEADING = new Uint8Array(128);
for (const c of "([{<\"'") LEADING[c.charCodeAt(0)] = 1;
const TRAILING = new Uint8Array(128);
for (const c of ",;:.") TRAILING[c.charCodeAt(0)] = 1;
/** The closing character of each leading bracket or quote. */
const CLOSER = new Uint8Array(128);
for (const [open, close] of ["()", "[]", "{}", "<>", '""', "''"]) {
  CLOSER[open.charCodeAt(0)] = close.charCodeAt(0);
}

const WORD_VALUES = new Set(
  ["true", "false", "null"].flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]),
);
const MONTHS = new Set("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" "));
const WEEKDAYS = new Set("Mon Tue Wed Thu Fri Sat Sun".split(" "));
const UNITS = new Set(
  "B KB MB GB TB PB kB KiB MiB GiB TiB bytes ms us ns s sec secs".split(" "),
);

const SLASH = 0x2f;
const DOT = 0x2e;

function kind(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? KIND[c] : 0;
}

/** True if `s[a, b)` is a variable value on its own. */
function isVariable(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n <= 0) return false;
  let digits = 0;
  let hex = 0;
  let letters = 0;
  let slashes = 0;
  let dots = 0;
  for (let i = a; i < b; i++) {
    const k = kind(s, i);
    if (k & Kind.DIGIT) digits++;
    if (k & Kind.HEX) hex++;
    if (k & Kind.LETTER) letters++;
    else if (s.charCodeAt(i) === SLASH) slashes++;
    else if (s.charCodeAt(i) === DOT) dots++;
  }
  if (digits > 0) {
    // `eth1`, `ssh2`, `wl0`: a word with one trailing digit names a thing.
    return !(digits === 1 && letters === n - 1 && n >= 3 && (kind(s, b - 1) & Kind.DIGIT) !== 0);
  }
  if (n >= 8 && hex === n) return true;
  if (slashes > 0 && ((s.charCodeAt(a) === SLASH && n > 1) || slashes >= 2 || dots >= 2)) {
    return true;
  }
  return n <= 5 && WORD_VALUES.has(s.slice(a, b));
}

/** The masked form of `s[a, b)`, or null if nothing in it is variable. */
function maskCore(s: string, a: number, b: number): string | null {
  if (a < b && (kind(s, a) & Kind.LETTER) !== 0) {
    // Scan a name; what follows it decides whether it is `name<sep>value`.
    let i = a + 1;
    let dotted = false;
    while (i < b && (kind(s, i) & Kind.NAME) !== 0) {
      if (s.charCodeAt(i) === DOT) {
        if (i + 1 < b && s.charCodeAt(i + 1) === DOT) break;
        dotted = true;
      }
      i++;
    }
    if (i < b - 1) {
      const c = s.charCodeAt(i);
      let from = -1;
      let to = b;
      if (c === 0x3d) from = i + 1; // name=value
      else if (c === 0x3a && !dotted && s.charCodeAt(i + 1) !== SLASH) {
        // name:value, but not host.name:port (all variable) nor a URL scheme.
        from = i + 1;
      } else if (c === 0x28 && s.charCodeAt(b - 1) === 0x29) {
        from = i + 1; // name(value)
        to = b - 1;
      } else if (c === DOT) {
        from = i; // name.....value
        while (from < b && s.charCodeAt(from) === DOT) from++;
      }
      if (from > 0) {
        if (isVariable(s, from, to)) return s.slice(a, from) + WILDCARD + s.slice(to, b);
        const inner = from < to ? maskCore(s, from, to) : null;
        return inner === null ? null : s.slice(a, from) + inner + s.slice(to, b);
      }
    }
  }
  return isVariable(s, a, b) ? WILDCARD : null;
}

/**
 * Masks one whitespace-free token; returns it unchanged (the same string) if
 * nothing in it is variable.
 *
 * @example
 * ```ts
 * import { maskToken } from "./mask.ts";
 * maskToken("(uid=0)"); // "(uid=<*>)"
 * maskToken("10.0.0.1:8080,"); // "<*>,"
 * maskToken("ssh2"); // "ssh2"
 * ```
 */
export function maskToken(token: string): string {
  let a = 0;
  let b = token.length;
  while (a < b && token.charCodeAt(a) < 128 && LEADING[token.charCodeAt(a)]) a++;
  while (b > a && token.charCodeAt(b - 1) < 128 && TRAILING[token.charCodeAt(b - 1)]) b--;
  // A closing bracket stays outside the core only if it closes a leading one.
  for (let open = a - 1; open >= 0 && b > a; open--) {
    if (token.charCodeAt(b - 1) !== CLOSER[token.charCodeAt(open)]) break;
    b--;
  }
  if (a >= b) return token;
  const comma = token.indexOf(",", a);
  if (comma >= 0 && comma < b) {
    const items = token.slice(a, b).split(",");
    let changed = false;
    for (let i = 0; i < items.length; i++) {
      const masked = items[i].length === 0 ? items[i] : maskToken(items[i]);
      changed ||= masked !== items[i];
      items[i] = masked;
    }
    return changed ? token.slice(0, a) + items.join(",") + token.slice(b) : token;
  }
  const core = maskCore(token, a, b);
  return core === null ? token : token.slice(0, a) + core + token.slice(b);
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Splits `message` on whitespace and masks it into template tokens. `masks`
 * are extra patterns replaced by `<*>` in the raw message first (use the `g`
 * flag; they cost a regex pass per message, so keep them few).
 *
 * @example
 * ```ts
 * import { maskMessage } from "./mask.ts";
 * maskMessage("Received block blk_-42 of size 67108864 from /10.0.0.1");
 * // ["Received", "block", "<*>", "of", "size", "<*>", "from", "<*>"]
 * maskMessage("at Fri Jun 17 07:07:00 2005, took 12 ms");
 * // ["at", "<*>", "<*>", "<*>", "<*>", "<*>,", "took", "<*>", "<*>"]
 * ```
 */
export function maskMessage(message: string, masks: readonly RegExp[] = []): string[] {
  for (const mask of masks) message = message.replace(mask, WILDCARD);
  const tokens: string[] = [];
  const n = message.length;
  let i = 0;
  let threeLetter = false;
  while (i < n) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(message.charCodeAt(i))) i++;
    threeLetter ||= i - start === 3;
    tokens.push(maskToken(message.slice(start, i)));
  }
  if (threeLetter) maskDateNames(tokens);
  maskUnits(tokens);
  return tokens;
}

/** Month, then weekday, names next to a masked number are part of a date. */
function maskDateNames(tokens: string[]): void {
  for (const names of [MONTHS, WEEKDAYS]) {
    for (let i = 0; i < tokens.length; i++) {
      if (names.has(tokens[i]) && (tokens[i - 1] === WILDCARD || tokens[i + 1] === WILDCARD)) {
        tokens[i] = WILDCARD;
      }
    }
  }
}

/** A unit right after a masked number is part of the value. */
function maskUnits(tokens: string[]): void {
  for (let i = 1; i < tokens.length; i++) {
    if (!tokens[i - 1].endsWith(WILDCARD)) continue;
    const t = tokens[i];
    let b = t.length;
    while (b > 0 && t.charCodeAt(b - 1) < 128 && TRAILING[t.charCodeAt(b - 1)]) b--;
    // `(1.2 KB)`: the unit carries the closing bracket of the value.
    if (b > 0 && t.charCodeAt(b - 1) === 0x29) b--;
    if (b > 0 && UNITS.has(t.slice(0, b))) tokens[i] = WILDCARD + t.slice(b);
  }
}
