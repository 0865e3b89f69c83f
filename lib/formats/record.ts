/**
 * The record shape every line parser in `lib/formats/` produces, and small
 * helpers the parsers share.
 *
 * Parsers keep the timestamp as the text they found (`ts`) because turning
 * text into an instant needs configuration (zone, default year) that lives in
 * `lib/time/`. Only where the format itself pins the instant down (Apache's
 * `[17/May/2015:10:05:03 +0000]`, RFC 5424's RFC 3339 stamps, epoch numbers in
 * JSON) does a parser also fill `tsEpochMs`.
 *
 * @example
 * ```ts
 * import { accept, type ParseOutcome } from "./record.ts";
 * const outcome: ParseOutcome = accept({ message: "hello" });
 * outcome.ok; // true
 * ```
 * @module
 */

/**
 * The fields one log line yields; every parser fills all of them.
 *
 * @example
 * ```ts
 * import type { LineFields } from "./record.ts";
 * const fields: LineFields = {
 *   ts: "2024-01-15T10:00:00Z",
 *   level: "INFO",
 *   service: "api",
 *   ip: null,
 *   endpoint: null,
 *   message: "started",
 * };
 * ```
 */
export interface LineFields {
  /** The timestamp text as found in the line, or null when it has none. */
  ts: string | null;
  /** UTC epoch milliseconds, when the format's timestamp was parsed here. */
  tsEpochMs?: number;
  /** The level text as found, or one inferred from the message. */
  level: string | null;
  /** The emitting service, program or component. */
  service: string | null;
  /** The client or source IP address. */
  ip: string | null;
  /** The request path or endpoint, without a query string. */
  endpoint: string | null;
  /** The human-readable message. */
  message: string;
}

/**
 * Either the fields of a line, or why the line was rejected.
 *
 * @example
 * ```ts
 * import type { ParseOutcome } from "./record.ts";
 * const outcome: ParseOutcome = { ok: false, reason: "logfmt: no key=value pairs" };
 * if (!outcome.ok) outcome.reason; // "logfmt: no key=value pairs"
 * ```
 */
export type ParseOutcome = { ok: true; fields: LineFields } | { ok: false; reason: string };

/**
 * Builds an accepted outcome; fields left out are null, so parsers only spell
 * out what they found.
 *
 * @example
 * ```ts
 * import { accept } from "./record.ts";
 * accept({ message: "x", level: "INFO" }); // { ok: true, fields: { ts: null, level: "INFO", ... } }
 * ```
 */
export function accept(fields: Partial<LineFields> & { message: string }): ParseOutcome {
  const out: LineFields = {
    ts: fields.ts ?? null,
    level: fields.level ?? null,
    service: fields.service ?? null,
    ip: fields.ip ?? null,
    endpoint: fields.endpoint ?? null,
    message: fields.message,
  };
  // Only set when known, so `"tsEpochMs" in fields` tells parsed from unparsed.
  if (fields.tsEpochMs !== undefined) out.tsEpochMs = fields.tsEpochMs;
  return { ok: true, fields: out };
}

/**
 * Builds a rejected outcome.
 *
 * @example
 * ```ts
 * import { reject } from "./record.ts";
 * reject("logfmt: no key=value pairs"); // { ok: false, reason: "logfmt: no key=value pairs" }
 * ```
 */
export function reject(reason: string): ParseOutcome {
  return { ok: false, reason };
}

/**
 * Drops one trailing line terminator (`\n`, `\r\n` or a lone `\r`): callers
 * split files on `\n`, and CRLF files (most of Loghub) would otherwise leave a
 * `\r` in every message.
 *
 * @example
 * ```ts
 * import { stripEol } from "./record.ts";
 * stripEol("abc\r"); // "abc"
 * ```
 */
export function stripEol(line: string): string {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end === line.length ? line : line.slice(0, end);
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/**
 * The 0-based month of an English three-letter abbreviation (any case), or -1.
 * Log formats print month names in the C locale whatever the host's locale.
 *
 * @example
 * ```ts
 * import { monthIndex } from "./record.ts";
 * monthIndex("May"); // 4
 * ```
 */
export function monthIndex(name: string): number {
  return MONTHS[name.toLowerCase()] ?? -1;
}

/**
 * UTC epoch ms of calendar fields, or null when a field is out of range
 * (Date.UTC would silently roll 31 Feb over into March).
 *
 * @example
 * ```ts
 * import { utcEpochMs } from "./record.ts";
 * utcEpochMs(2015, 4, 17, 10, 5, 3, 0); // 1431857103000
 * ```
 */
export function utcEpochMs(
  year: number,
  month0: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number | null {
  if (month0 < 0 || month0 > 11 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const epoch = Date.UTC(year, month0, day, hour, minute, second, ms);
  // A leap second (60) is folded into the next second, as most log tooling does.
  if (new Date(epoch - (second === 60 ? 1000 : 0)).getUTCDate() !== day) return null;
  return epoch;
}

/**
 * Interprets an epoch number as seconds or milliseconds by magnitude: values
 * below 1e11 are seconds (1e11 s is the year 5138, 1e11 ms is 1973), so both
 * Zeek's float seconds and JavaScript's ms stamps come out right.
 *
 * @example
 * ```ts
 * import { epochToMs } from "./record.ts";
 * epochToMs(1521911747.733); // 1521911747733
 * epochToMs(1521911747733); // 1521911747733
 * ```
 */
export function epochToMs(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
  // Rounded because float seconds times 1000 is rarely an exact integer.
  return Math.round(ms);
}
