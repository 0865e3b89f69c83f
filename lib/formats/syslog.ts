/**
 * Syslog lines: BSD syslog (RFC 3164, what `/var/log/auth.log` and
 * `/var/log/syslog` hold) and the structured RFC 5424 format.
 *
 * RFC 3164 stamps carry no year and no zone, so the year comes from the
 * `defaultYear` option (without it `tsEpochMs` is left out rather than
 * guessed from the clock, which would make parsing depend on when it runs)
 * and the zone from `utcOffsetMinutes` (default UTC).
 *
 * @example
 * ```ts
 * import { parseSyslog } from "./syslog.ts";
 * const out = parseSyslog("Mar  1 06:25:01 web1 CRON[4711]: (root) CMD (run-parts)", { defaultYear: 2024 });
 * out.ok && [out.fields.service, out.fields.tsEpochMs]; // ["CRON", 1709274301000]
 * ```
 * @module
 */

import {
  inferLevel,
  type KeywordLevelMatcher,
  type KeywordLevelOptions,
  resolveKeywordMatcher,
} from "./keyword_level.ts";
import { accept, monthIndex, type ParseOutcome, reject, stripEol, utcEpochMs } from "./record.ts";

/**
 * Options for {@link parseSyslog}.
 *
 * @example
 * ```ts
 * import { parseSyslog, type SyslogOptions } from "./syslog.ts";
 * const options: SyslogOptions = { defaultYear: 2017, utcOffsetMinutes: 0 };
 * parseSyslog("Mar 27 13:06:56 h sshd[1]: hi", options).ok; // true
 * ```
 */
export interface SyslogOptions {
  /** Which RFC to expect; "auto" (default) picks RFC 5424 when `<PRI>` is followed by a version. */
  variant?: "auto" | "3164" | "5424";
  /** The year of RFC 3164 stamps, which print none; without it tsEpochMs is omitted for them. */
  defaultYear?: number;
  /** Zone of RFC 3164 stamps in minutes east of UTC (e.g. 60 for CET); default 0. */
  utcOffsetMinutes?: number;
  /** Keyword lists (or a compiled matcher) for lines without a `<PRI>`. */
  levelKeywords?: KeywordLevelOptions | KeywordLevelMatcher;
}

/**
 * The level of a syslog severity (the low 3 bits of PRI): 0-2 (emerg, alert,
 * crit) CRITICAL, 3 ERROR, 4 WARN, 5-6 (notice, info) INFO, 7 DEBUG.
 *
 * @example
 * ```ts
 * import { severityLevel } from "./syslog.ts";
 * severityLevel(34 & 7); // "CRITICAL"
 * ```
 */
export function severityLevel(severity: number): string {
  if (severity <= 2) return "CRITICAL";
  if (severity === 3) return "ERROR";
  if (severity === 4) return "WARN";
  if (severity <= 6) return "INFO";
  return "DEBUG";
}

const PRI = /^<(\d{1,3})>/;
// Day is space-padded per RFC 3164 ("Apr  1"); some emitters print "Apr 1".
const BSD_HEAD = /^(([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})) (\S+)(?: |$)/;
// TAG: program name with an optional [pid], then a colon. Names such as
// "sshd(pam_unix)" or "systemd-logind" occur, so anything but space, colon
// and bracket is allowed.
const TAG = /^([^\s:[\]]+)(?:\[([^\]]*)\])?:\s*/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;
const HEADER_5424 = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /;

function priOf(text: string): { pri: number; length: number } | null | "bad" {
  const m = PRI.exec(text);
  if (m === null) return null;
  const pri = Number(m[1]);
  // 191 = facility 23 (local7) * 8 + severity 7.
  if (pri > 191) return "bad";
  return { pri, length: m[0].length };
}

/**
 * Parses an RFC 3339 stamp as RFC 5424 requires it (`2003-10-11T22:14:15.003Z`,
 * offset mandatory) to UTC epoch ms, or null.
 *
 * @example
 * ```ts
 * import { parseRfc3339 } from "./syslog.ts";
 * parseRfc3339("2003-10-11T22:14:15.003Z"); // 1065910455003
 * parseRfc3339("2003-08-24T05:14:15.000003-07:00"); // 1061727255000
 * ```
 */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  // Fractions beyond ms (RFC 5424 allows 6 digits) are truncated, not rounded,
  // so a stamp never moves into the next millisecond.
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const local = utcEpochMs(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms,
  );
  if (local === null) return null;
  const zone = m[8];
  if (zone === "Z" || zone === "z") return local;
  const sign = zone[0] === "-" ? -1 : 1;
  const offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return local - offsetMin * 60_000;
}

/**
 * Finds the end of RFC 5424 STRUCTURED-DATA starting at `start`: `-`, or one
 * or more `[id param="value" ...]` elements in which `\"`, `\\` and `\]` are
 * escaped. Returns the index after it, or an error text.
 */
function structuredDataEnd(text: string, start: number): number | string {
  if (text[start] === "-") return start + 1;
  if (text[start] !== "[") return "syslog: RFC 5424 structured data must be '-' or start with '['";
  let i = start;
  while (text[i] === "[") {
    let inQuotes = false;
    i++;
    for (;; i++) {
      if (i >= text.length) return "syslog: RFC 5424 structured data element is never closed";
      const ch = text[i];
      if (ch === "\\" && inQuotes) i++;
      else if (ch === '"') inQuotes = !inQuotes;
      else if (ch === "]" && !inQuotes) break;
    }
    i++;
  }
  return i;
}

function nil(value: string): string | null {
  return value === "-" ? null : value;
}

function parse5424(pri: number, body: string): ParseOutcome {
  const h = HEADER_5424.exec(body);
  if (h === null) {
    // A header whose MSG and SD are both absent ends without the trailing space.
    const bare = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) (-)$/.exec(body);
    if (bare === null) {
      return reject(
        "syslog: RFC 5424 header needs VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD",
      );
    }
    return finish5424(pri, bare, "");
  }
  if (h[1] === "0") return reject("syslog: RFC 5424 version must not be 0");
  const sdEnd = structuredDataEnd(body, h[0].length);
  if (typeof sdEnd === "string") return reject(sdEnd);
  let message = body.slice(sdEnd);
  if (message !== "" && message[0] !== " ") {
    return reject("syslog: RFC 5424 structured data must be followed by a space");
  }
  message = message.slice(1);
  // RFC 5424 marks UTF-8 messages with a BOM; it is not content.
  if (message.startsWith("\uFEFF")) message = message.slice(1);
  return finish5424(pri, h, message);
}

function finish5424(pri: number, h: RegExpExecArray, message: string): ParseOutcome {
  const tsText = nil(h[2]);
  let tsEpochMs: number | undefined;
  if (tsText !== null) {
    const ms = parseRfc3339(tsText);
    if (ms === null) return reject(`syslog: RFC 5424 timestamp "${tsText}" is not RFC 3339`);
    tsEpochMs = ms;
  }
  return accept({
    ts: tsText,
    tsEpochMs,
    level: severityLevel(pri & 7),
    service: nil(h[4]),
    message,
  });
}

function parse3164(body: string, pri: number | null, options: SyslogOptions): ParseOutcome {
  const head = BSD_HEAD.exec(body);
  if (head === null) return reject("syslog: no RFC 3164 'Mmm dd hh:mm:ss host' header");
  const tsText = head[1];
  const month = monthIndex(head[2]);
  if (month < 0) return reject(`syslog: unknown month "${head[2]}"`);
  let tsEpochMs: number | undefined;
  if (options.defaultYear !== undefined) {
    const local = utcEpochMs(
      options.defaultYear,
      month,
      Number(head[3]),
      Number(head[4]),
      Number(head[5]),
      Number(head[6]),
      0,
    );
    if (local === null) {
      return reject(`syslog: impossible date "${tsText}" in ${options.defaultYear}`);
    }
    tsEpochMs = local - (options.utcOffsetMinutes ?? 0) * 60_000;
  }
  const rest = body.slice(head[0].length);
  const tag = TAG.exec(rest);
  // Lines without a tag ("last message repeated 3 times") are still records.
  const service = tag === null ? null : tag[1];
  const message = tag === null ? rest : rest.slice(tag[0].length);
  const level = pri !== null
    ? severityLevel(pri & 7)
    : inferLevel(message, resolveKeywordMatcher(options.levelKeywords));
  return accept({ ts: tsText, tsEpochMs, level, service, message });
}

/**
 * Parses one syslog line, RFC 3164 or RFC 5424. The level comes from the PRI
 * severity when the line has one, else from message keywords; the service is
 * the program (APP-NAME, or the TAG without its `[pid]`).
 *
 * @example
 * ```ts
 * import { parseSyslog } from "./syslog.ts";
 * const line = '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 [exampleSDID@32473 iut="3"] BOM\'su root\' failed';
 * const out = parseSyslog(line);
 * out.ok && [out.fields.level, out.fields.service, out.fields.tsEpochMs];
 * // ["CRITICAL", "su", 1065910455003]
 * ```
 */
export function parseSyslog(line: string, options: SyslogOptions = {}): ParseOutcome {
  const text = stripEol(line);
  const variant = options.variant ?? "auto";
  const pri = priOf(text);
  if (pri === "bad") return reject("syslog: PRI above 191");
  const body = pri === null ? text : text.slice(pri.length);
  const looks5424 = pri !== null && /^\d{1,2} /.test(body);
  if (variant === "5424" || (variant === "auto" && looks5424)) {
    if (pri === null) return reject("syslog: RFC 5424 line must start with <PRI>");
    return parse5424(pri.pri, body);
  }
  return parse3164(body, pri === null ? null : pri.pri, options);
}
