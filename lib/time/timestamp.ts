/**
 * Timestamp parsing from bytes, every format recognised per value:
 *
 * - `YYYY-MM-DD HH:MM:SS[.fff]` and `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)?`
 * - `YYYY-MM-DD HH:MM:SS,fff` (log4j)
 * - `DD/Mon/YYYY:HH:MM:SS ±HHMM` (Apache)
 * - epoch seconds (10 digits) and milliseconds (13 digits)
 * - `YYYY/MM/DD HH:MM:SS`
 * - `Mon DD HH:MM:SS` (syslog; the year comes from the context)
 *
 * Times without a zone are local to the context's zone. Results are UTC ms;
 * anything else is `NaN`. No strings are made.
 *
 * @module
 */

import type { Zone } from "./zone.ts";

/** What a naive or year-less timestamp needs. */
export interface TimestampContext {
  /** The zone of naive times (`input.timezone`). */
  zone: Zone;
  /** The year of syslog times (`input.default_year` or the file's modification year). */
  defaultYear: number;
}

const MS_PER_DAY = 86_400_000;

/** `Jan`..`Dec` packed as three lower-case bytes → month 1..12. */
const MONTHS = new Map<number, number>(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((
    m,
    i,
  ) => [
    (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2),
    i + 1,
  ]),
);

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), without Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Digits at `buf[at, at+n)` as a number, or -1 when any is not a digit. */
function digits(buf: Uint8Array, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** Milliseconds of a validated local civil time, or NaN. */
function civilMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 ||
    hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
  ) return NaN;
  return daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/**
 * Parses a zone suffix `Z`, `±HH:MM` or `±HHMM` at `buf[at, end)`, which
 * must run to `end`. Returns the offset in ms, or NaN.
 */
function zoneSuffix(buf: Uint8Array, at: number, end: number): number {
  if (end - at === 1 && (buf[at] === 0x5a || buf[at] === 0x7a)) return 0;
  const sign = buf[at] === 0x2b ? 1 : buf[at] === 0x2d ? -1 : 0;
  if (sign === 0) return NaN;
  const hh = digits(buf, at + 1, 2);
  let mm: number;
  if (end - at === 6 && buf[at + 3] === 0x3a) mm = digits(buf, at + 4, 2);
  else if (end - at === 5) mm = digits(buf, at + 3, 2);
  else if (end - at === 3) mm = 0;
  else return NaN;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return NaN;
  return sign * (hh * 60 + mm) * 60_000;
}

/** Bytes of an ISO-like timestamp before its seconds: `YYYY-MM-DD HH:MM:`. */
export const ISO_MINUTE_BYTES = 17;

/**
 * The layout of an ISO-like timestamp (what `parseIsoLike` reads) at
 * `buf[start, end)` as far as its seconds go: the number of fraction digits
 * after `SS` (0 when none), or -1 when the bytes do not start
 * `YYYY?MM?DD?HH:MM:SS` or have other than 1 to 9 digits after `.`/`,`.
 * Within one such layout, a timestamp is linear in its seconds and fraction:
 * see {@linkcode isoSecondsMs}.
 *
 * @example
 * ```ts
 * import { isoFractionDigits } from "./timestamp.ts";
 * const bytes = new TextEncoder().encode("2024-01-15 10:00:07.250Z");
 * isoFractionDigits(bytes, 0, bytes.length); // 3
 * ```
 */
export function isoFractionDigits(buf: Uint8Array, start: number, end: number): number {
  const b4 = buf[start + 4];
  if (
    end - start < 19 || (b4 !== 0x2d && b4 !== 0x2f) || buf[start + 7] !== b4 ||
    (buf[start + 10] !== 0x20 && buf[start + 10] !== 0x54 && buf[start + 10] !== 0x74) ||
    buf[start + 13] !== 0x3a || buf[start + 16] !== 0x3a || digits(buf, start, 4) < 0
  ) return -1;
  const at = start + 19;
  if (at === end || (buf[at] !== 0x2e && buf[at] !== 0x2c)) return 0;
  let n = 0;
  while (at + 1 + n < end && n < 9 && buf[at + 1 + n] >= 0x30 && buf[at + 1 + n] <= 0x39) n++;
  return n === 0 ? -1 : n;
}

/**
 * Where the bytes after an ISO-like timestamp's seconds and fraction (a zone
 * suffix) begin, relative to its start, for `fractionDigits` fraction digits.
 *
 * @example
 * ```ts
 * import { isoSuffixStart } from "./timestamp.ts";
 * isoSuffixStart(0); // 19: "2024-01-15 10:00:07" ends there
 * isoSuffixStart(3); // 23: after ".250"
 * ```
 */
export function isoSuffixStart(fractionDigits: number): number {
  return fractionDigits > 0 ? 20 + fractionDigits : 19;
}

/**
 * The seconds and fraction of an ISO-like timestamp with `fractionDigits`
 * fraction digits, in ms, as the parser counts them: `SS × 1000` plus
 * the fraction's first three digits. -1 when they are not digits or the
 * seconds are past 59.
 *
 * @example
 * ```ts
 * import { isoSecondsMs } from "./timestamp.ts";
 * const bytes = new TextEncoder().encode("2024-01-15 10:00:07.25");
 * isoSecondsMs(bytes, 0, 2); // 7250
 * ```
 */
export function isoSecondsMs(buf: Uint8Array, start: number, fractionDigits: number): number {
  const second = digits(buf, start + 17, 2);
  if (second < 0 || second > 59) return -1;
  let ms = 0;
  for (let k = 0; k < 3; k++) {
    const d = k < fractionDigits ? buf[start + 20 + k] - 0x30 : 0;
    if (d < 0 || d > 9) return -1;
    ms = ms * 10 + d;
  }
  for (let k = 3; k < fractionDigits; k++) {
    const d = buf[start + 20 + k] - 0x30;
    if (d < 0 || d > 9) return -1;
  }
  return second * 1000 + ms;
}

/** `YYYY-MM-DD` / `YYYY/MM/DD` then `[ T]HH:MM:SS[.,fff][zone]`. */
function parseIsoLike(buf: Uint8Array, s: number, e: number, ctx: TimestampContext): number {
  const fractionDigits = isoFractionDigits(buf, s, e);
  if (fractionDigits < 0) return NaN;
  const secondsMs = isoSecondsMs(buf, s, fractionDigits);
  if (secondsMs < 0) return NaN;
  const local = civilMs(
    digits(buf, s, 4),
    digits(buf, s + 5, 2),
    digits(buf, s + 8, 2),
    digits(buf, s + 11, 2),
    digits(buf, s + 14, 2),
    0,
    0,
  ) + secondsMs;
  if (local !== local) return NaN;
  let at = s + isoSuffixStart(fractionDigits);
  if (at === e) return ctx.zone.toUtc(local);
  if (buf[at] === 0x20 && at + 1 < e) at++; // "2024-01-15 10:00:00 +0000"
  const offset = zoneSuffix(buf, at, e);
  return offset !== offset ? NaN : local - offset;
}

/** `DD/Mon/YYYY:HH:MM:SS ±HHMM` (the zone is optional). */
function parseApache(buf: Uint8Array, s: number, e: number, ctx: TimestampContext): number {
  if (e - s < 20 || buf[s + 2] !== 0x2f || buf[s + 6] !== 0x2f || buf[s + 11] !== 0x3a) return NaN;
  if (buf[s + 14] !== 0x3a || buf[s + 17] !== 0x3a) return NaN;
  const month =
    MONTHS.get((lower(buf[s + 3]) << 16) | (lower(buf[s + 4]) << 8) | lower(buf[s + 5])) ?? -1;
  const local = civilMs(
    digits(buf, s + 7, 4),
    month,
    digits(buf, s, 2),
    digits(buf, s + 12, 2),
    digits(buf, s + 15, 2),
    digits(buf, s + 18, 2),
    0,
  );
  if (local !== local) return NaN;
  let at = s + 20;
  if (at === e) return ctx.zone.toUtc(local);
  if (buf[at] === 0x20) at++;
  const offset = zoneSuffix(buf, at, e);
  return offset !== offset ? NaN : local - offset;
}

/** `Mon DD HH:MM:SS` or `Mon  D HH:MM:SS`, in the context's year and zone. */
function parseSyslog(buf: Uint8Array, s: number, e: number, ctx: TimestampContext): number {
  if (e - s !== 15 || buf[s + 3] !== 0x20 || buf[s + 6] !== 0x20) return NaN;
  if (buf[s + 9] !== 0x3a || buf[s + 12] !== 0x3a) return NaN;
  const month = MONTHS.get((lower(buf[s]) << 16) | (lower(buf[s + 1]) << 8) | lower(buf[s + 2])) ??
    -1;
  const day = buf[s + 4] === 0x20 ? digits(buf, s + 5, 1) : digits(buf, s + 4, 2);
  const local = civilMs(
    ctx.defaultYear,
    month,
    day,
    digits(buf, s + 7, 2),
    digits(buf, s + 10, 2),
    digits(buf, s + 13, 2),
    0,
  );
  return local !== local ? NaN : ctx.zone.toUtc(local);
}

/**
 * Parses the timestamp in `buf[start, end)` (surrounding spaces ignored).
 * Returns UTC milliseconds, or `NaN` when no supported format matches.
 *
 * @example
 * ```ts
 * import { parseTimestamp } from "./timestamp.ts";
 * import { createZone } from "./zone.ts";
 * const bytes = new TextEncoder().encode("2024-01-15 10:00:00");
 * parseTimestamp(bytes, 0, bytes.length, { zone: createZone("UTC"), defaultYear: 2024 });
 * // Date.UTC(2024, 0, 15, 10)
 * ```
 */
export function parseTimestamp(
  buf: Uint8Array,
  start: number,
  end: number,
  ctx: TimestampContext,
): number {
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  const length = end - start;
  if (length < 10) return NaN;
  const b4 = buf[start + 4];
  if (b4 === 0x2d || b4 === 0x2f) {
    if (digits(buf, start, 4) >= 0) return parseIsoLike(buf, start, end, ctx);
  }
  if (buf[start + 2] === 0x2f) return parseApache(buf, start, end, ctx);
  if (length === 10 || length === 13) {
    const value = digits(buf, start, length);
    if (value >= 0) return length === 10 ? value * 1000 : value;
    return NaN;
  }
  if (length === 15) return parseSyslog(buf, start, end, ctx);
  return NaN;
}

const encoder = new TextEncoder();

/**
 * {@linkcode parseTimestamp} for a string (config values, dashboard prompts, tests).
 *
 * @example
 * ```ts
 * import { parseTimestampText } from "./timestamp.ts";
 * import { createZone } from "./zone.ts";
 * parseTimestampText("1705312800", { zone: createZone("UTC"), defaultYear: 2024 }); // 1705312800000
 * ```
 */
export function parseTimestampText(text: string, ctx: TimestampContext): number {
  const bytes = encoder.encode(text);
  return parseTimestamp(bytes, 0, bytes.length, ctx);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` of UTC ms (seconds precision, as in every report).
 *
 * @example
 * ```ts
 * import { formatIsoUtc } from "./timestamp.ts";
 * formatIsoUtc(Date.UTC(2024, 0, 15, 10)); // "2024-01-15T10:00:00Z"
 * ```
 */
export function formatIsoUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${
    pad(d.getUTCHours())
  }:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/**
 * `YYYY-MM-DD HH:MM:SS` of UTC ms (alerts.log).
 *
 * @example
 * ```ts
 * import { formatSpaceUtc } from "./timestamp.ts";
 * formatSpaceUtc(Date.UTC(2024, 0, 15, 10)); // "2024-01-15 10:00:00"
 * ```
 */
export function formatSpaceUtc(ms: number): string {
  return formatIsoUtc(ms).slice(0, 19).replace("T", " ");
}
