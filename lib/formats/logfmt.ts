/**
 * logfmt: `key=value key2="quoted value"` lines (Heroku, Go kit, logrus's text
 * formatter, Grafana Loki). Fields map as in JSON Lines, so `msg`, `level`,
 * `time`/`ts` and the service/ip/endpoint names work unchanged.
 *
 * @example
 * ```ts
 * import { parseLogfmt } from "./logfmt.ts";
 * const out = parseLogfmt('level=error msg="db down" service=api');
 * out.ok && out.fields.message; // "db down"
 * ```
 * @module
 */

import { type FieldNameOptions, mapNamedFields } from "./field_map.ts";
import { accept, type ParseOutcome, reject, stripEol } from "./record.ts";

/**
 * Options for {@link parseLogfmt}: the field-name lists and level keywords.
 *
 * @example
 * ```ts
 * import { type LogfmtOptions, parseLogfmt } from "./logfmt.ts";
 * const options: LogfmtOptions = { messageFields: ["text"] };
 * parseLogfmt("text=hi", options).ok; // true
 * ```
 */
export type LogfmtOptions = FieldNameOptions;

/**
 * A tokenised logfmt line: its pairs in order, and how many tokens were bare keys.
 *
 * @example
 * ```ts
 * import { type LogfmtPairs, tokenizeLogfmt } from "./logfmt.ts";
 * const tokens: LogfmtPairs | string = tokenizeLogfmt("a=1 b");
 * typeof tokens !== "string" && tokens.bareCount; // 1
 * ```
 */
export interface LogfmtPairs {
  /** Keys with `=`; a repeated key keeps its first value, as JSON's first-name-wins lookup does. */
  pairs: Map<string, string>;
  /** Keys with `=`, counted with repeats. */
  pairCount: number;
  /** Tokens without `=` (logfmt allows them as boolean flags). */
  bareCount: number;
}

const SPACE = /\s/;

function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/**
 * Splits a logfmt line into pairs, or returns an error string. Quoted values
 * take `\"` and `\\` escapes (plus `\n`, `\t`, `\r`); an unterminated quote is
 * an error because the rest of the line would otherwise be swallowed silently.
 *
 * @example
 * ```ts
 * import { tokenizeLogfmt } from "./logfmt.ts";
 * const t = tokenizeLogfmt('a=1 b="x \\"y\\"" flag');
 * typeof t !== "string" && t.pairs.get("b"); // 'x "y"'
 * ```
 */
export function tokenizeLogfmt(line: string): LogfmtPairs | string {
  const pairs = new Map<string, string>();
  let pairCount = 0;
  let bareCount = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && line[i] !== "=" && !isSpace(line[i])) {
      if (line[i] === '"') return `logfmt: unexpected quote in key at column ${i + 1}`;
      i++;
    }
    const key = line.slice(keyStart, i);
    if (key === "") return `logfmt: empty key at column ${i + 1}`;
    if (i >= n || line[i] !== "=") {
      bareCount++;
      continue;
    }
    i++; // past "="
    let value: string;
    if (line[i] === '"') {
      const open = i;
      i++;
      let out = "";
      let closed = false;
      while (i < n) {
        const ch = line[i];
        if (ch === "\\" && i + 1 < n) {
          const next = line[i + 1];
          out += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          out += ch;
          i++;
        }
      }
      if (!closed) return `logfmt: unterminated quoted value for "${key}" at column ${open + 1}`;
      if (i < n && !isSpace(line[i])) {
        return `logfmt: text after closing quote of "${key}" at column ${i + 1}`;
      }
      value = out;
    } else {
      const valueStart = i;
      while (i < n && !isSpace(line[i])) {
        if (line[i] === '"') {
          return `logfmt: unexpected quote in value of "${key}" at column ${i + 1}`;
        }
        i++;
      }
      value = line.slice(valueStart, i);
    }
    if (!pairs.has(key)) pairs.set(key, value);
    pairCount++;
  }
  return { pairs, pairCount, bareCount };
}

/**
 * Parses one logfmt line. Rejects a line with no `key=value` pair at all
 * (plain prose would otherwise pass as a line of bare keys) and lines whose
 * quoting is broken.
 *
 * @example
 * ```ts
 * import { parseLogfmt } from "./logfmt.ts";
 * const out = parseLogfmt('ts=2024-01-15T10:00:00Z lvl=info path=/api/x?id=2 remote_addr=10.1.2.3 msg=ok');
 * out.ok && [out.fields.endpoint, out.fields.ip]; // ["/api/x", "10.1.2.3"]
 * ```
 */
export function parseLogfmt(line: string, options: LogfmtOptions = {}): ParseOutcome {
  const text = stripEol(line).trim();
  if (text === "") return reject("logfmt: empty line");
  const tokens = tokenizeLogfmt(text);
  if (typeof tokens === "string") return reject(tokens);
  if (tokens.pairCount === 0) return reject("logfmt: no key=value pairs");
  return accept(mapNamedFields((name) => tokens.pairs.get(name), options, text));
}
