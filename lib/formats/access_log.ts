/**
 * Apache / Nginx access logs in the Common Log Format
 * (`%h %l %u %t "%r" %>s %b`) and the Combined format, which appends
 * `"%{Referer}i" "%{User-agent}i"`. Nginx's variants that append further
 * quoted fields (`"$http_x_forwarded_for"`) are accepted too.
 *
 * The level comes from the status (5xx ERROR, 4xx WARN, else INFO) because an
 * access log has no level of its own, and the status is what operators alert on.
 *
 * @example
 * ```ts
 * import { parseAccessLog } from "./access_log.ts";
 * const out = parseAccessLog('10.0.0.1 - - [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 503 12');
 * out.ok && [out.fields.level, out.fields.endpoint]; // ["ERROR", "/a"]
 * ```
 * @module
 */

import { stripQuery } from "./field_map.ts";
import { accept, monthIndex, type ParseOutcome, reject, stripEol, utcEpochMs } from "./record.ts";

/**
 * Options for {@link parseAccessLog}; none are needed today, kept for symmetry with the other parsers.
 *
 * @example
 * ```ts
 * import { parseAccessLog, type AccessLogOptions } from "./access_log.ts";
 * const options: AccessLogOptions = {};
 * parseAccessLog('1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1', options).ok; // true
 * ```
 */
export type AccessLogOptions = Record<string, never>;

// Head: client, identd name, user (which may hold spaces in odd setups, hence
// lazy), then the bracketed time.
const HEAD = /^(\S+) (\S+) (.*?) \[([^\]]*)\] /;
const CLF_TIME = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const STATUS_BYTES = /^ (\d{3}) (\d+|-)/;
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Parses the `%t` time (`17/May/2015:10:05:03 +0000`) to UTC epoch ms, or null.
 *
 * @example
 * ```ts
 * import { parseClfTime } from "./access_log.ts";
 * parseClfTime("17/May/2015:10:05:03 +0000"); // 1431857103000
 * parseClfTime("17/May/2015:12:05:03 +0200"); // 1431857103000
 * ```
 */
export function parseClfTime(text: string): number | null {
  // Consecutive lines mostly share their second: parse each distinct text once.
  if (text === lastClfText) return lastClfTime;
  lastClfText = text;
  lastClfTime = parseClfTimeUncached(text);
  return lastClfTime;
}

let lastClfText = "";
let lastClfTime: number | null = null;

function parseClfTimeUncached(text: string): number | null {
  const m = CLF_TIME.exec(text);
  if (m === null) return null;
  const local = utcEpochMs(
    Number(m[3]),
    monthIndex(m[2]),
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    0,
  );
  if (local === null) return null;
  const offsetMin = (Number(m[8]) * 60 + Number(m[9])) * (m[7] === "-" ? -1 : 1);
  return local - offsetMin * 60_000;
}

/**
 * Reads a double-quoted field starting at `start` (which must be `"`); Apache
 * escapes quotes inside as `\"`. Returns the raw text between the quotes and
 * the index after the closing quote, or null when the quote is never closed.
 */
function readQuoted(line: string, start: number): { text: string; end: number } | null {
  for (let i = start + 1; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 34 /* " */) return { text: line.slice(start + 1, i), end: i + 1 };
  }
  return null;
}

/**
 * The endpoint of a request line (`GET /a/b?c HTTP/1.1` gives `/a/b`), or null
 * for request lines that carry no target (`-`, or bytes of a TLS handshake
 * sent to a plain-HTTP port, which Apache logs with a 400).
 *
 * @example
 * ```ts
 * import { requestEndpoint } from "./access_log.ts";
 * requestEndpoint("GET http://example.com/x?y HTTP/1.0"); // "/x"
 * requestEndpoint("-"); // null
 * ```
 */
export function requestEndpoint(request: string): string | null {
  const parts = request.split(" ");
  if (parts.length < 2 || !/^[A-Za-z]+$/.test(parts[0])) return null;
  let target = parts[1];
  // Proxy requests carry an absolute URL; the endpoint is its path.
  const abs = ABSOLUTE_URL.exec(target);
  if (abs !== null) target = target.slice(abs[0].length) || "/";
  if (target === "") return null;
  return stripQuery(target);
}

function levelOfStatus(status: number): string {
  if (status >= 500) return "ERROR";
  if (status >= 400) return "WARN";
  return "INFO";
}

const TRAILER_NAMES = ["referer", "user-agent"];

/**
 * Parses one access-log line (common or combined).
 *
 * @example
 * ```ts
 * import { parseAccessLog } from "./access_log.ts";
 * const line = '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /img/a.png HTTP/1.1" 200 203023 "-" "curl/8"';
 * const out = parseAccessLog(line);
 * out.ok && out.fields;
 * // { ts: "17/May/2015:10:05:03 +0000", tsEpochMs: 1431857103000, level: "INFO", service: null,
 * //   ip: "83.149.9.216", endpoint: "/img/a.png", message: "GET /img/a.png HTTP/1.1 200" }
 * ```
 */
export function parseAccessLog(line: string, _options: AccessLogOptions = {}): ParseOutcome {
  const text = stripEol(line);
  const head = HEAD.exec(text);
  if (head === null) {
    return reject("access log: no 'client ident user [time]' prefix");
  }
  const tsText = head[4];
  const tsEpochMs = parseClfTime(tsText);
  if (tsEpochMs === null) return reject(`access log: bad time [${tsText}]`);
  let pos = head[0].length;
  if (text[pos] !== '"') return reject("access log: no request line in quotes");
  const request = readQuoted(text, pos);
  if (request === null) return reject("access log: request line has no closing quote");
  pos = request.end;
  const sb = STATUS_BYTES.exec(text.slice(pos));
  if (sb === null) return reject("access log: no 3-digit status and byte count after the request");
  pos += sb[0].length;
  // Combined adds referer and user agent; Nginx setups may add more quoted
  // fields. Each must be well formed: a missing closing quote means the line
  // was cut or hand-edited, and its user agent cannot be trusted.
  let field = 0;
  while (pos < text.length) {
    if (text[pos] !== " ") return reject(`access log: unexpected text after the byte count`);
    pos++;
    const name = TRAILER_NAMES[field] ?? `field ${field + 1} after the byte count`;
    if (text[pos] === '"') {
      const quoted = readQuoted(text, pos);
      if (quoted === null) return reject(`access log: ${name} has no closing quote`);
      pos = quoted.end;
    } else {
      // Unquoted extras (Nginx's $request_time, $upstream_response_time).
      while (pos < text.length && text[pos] !== " ") pos++;
    }
    field++;
  }
  const status = Number(sb[1]);
  return accept({
    ts: tsText,
    tsEpochMs,
    level: levelOfStatus(status),
    ip: head[1],
    endpoint: requestEndpoint(request.text),
    message: `${request.text} ${sb[1]}`,
  });
}
