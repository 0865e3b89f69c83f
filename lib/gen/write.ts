/**
 * The synthetic log generator: deterministic CSV logs for the sample data,
 * tests and the benchmark. `mixed` adds every supported timestamp format,
 * level aliases in mixed case, quoted messages with commas and line breaks,
 * and about 1% bad rows (unparseable timestamps, wrong field counts).
 *
 * @module
 */

import { SeededRandom } from "./random.ts";
import { ENDPOINTS, MESSAGES, SERVICES } from "./vocabulary.ts";

/** What to generate. */
export interface GenOptions {
  rows: number;
  seed: number;
  mixed: boolean;
  /** The first row's time (UTC ms). */
  startMs: number;
  /** Days the rows spread over (evenly, in time order). */
  days: number;
  /** Line terminator (default LF). */
  lineEnding?: "\n" | "\r\n";
  /** Start with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** In mixed mode, also the year-less syslog format (default true). */
  syslog?: boolean;
}

/** The header every generated file has. */
export const GEN_HEADER = "timestamp,log_level,message,ip,service,endpoint";

const LEVEL_NAMES = ["DEBUG", "INFO", "WARN", "ERROR", "CRITICAL"];
const LEVEL_ALIASES = [
  ["debug", "TRACE", "Debug"],
  ["info", "INFO", "Notice", "information"],
  ["warning", "WARN", "Warn"],
  ["err", "ERROR", "error", "Error"],
  ["FATAL", "crit", "Critical", "severe", "EMERG"],
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A level index with ~10% DEBUG, 60% INFO, 15% WARN, 12% ERROR, 3% CRITICAL; more errors in an incident hour. */
function pickLevel(r: SeededRandom, incident: boolean): number {
  const x = r.next();
  if (incident) return x < 0.3 ? 1 : x < 0.45 ? 2 : x < 0.9 ? 3 : 4;
  return x < 0.1 ? 0 : x < 0.7 ? 1 : x < 0.85 ? 2 : x < 0.97 ? 3 : 4;
}

/** A timestamp in one of the supported formats (plain: always `YYYY-MM-DD HH:MM:SS`). */
function formatTimestamp(ms: number, r: SeededRandom, mixed: boolean, syslog: boolean): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear(), M = pad(d.getUTCMonth() + 1), D = pad(d.getUTCDate());
  const h = pad(d.getUTCHours()), m = pad(d.getUTCMinutes()), s = pad(d.getUTCSeconds());
  const ms3 = pad(d.getUTCMilliseconds(), 3);
  if (!mixed) return `${Y}-${M}-${D} ${h}:${m}:${s}`;
  switch (r.int(0, syslog ? 7 : 6)) {
    case 0:
      return `${Y}-${M}-${D} ${h}:${m}:${s}.${ms3}`;
    case 1:
      return `${Y}-${M}-${D}T${h}:${m}:${s}Z`;
    case 2:
      return `${Y}-${M}-${D} ${h}:${m}:${s},${ms3}`;
    case 3:
      return `${D}/${MONTHS[d.getUTCMonth()]}/${Y}:${h}:${m}:${s} +0000`;
    case 4:
      return String(Math.floor(ms / 1000));
    case 5:
      return String(ms);
    case 6:
      return `${Y}/${M}/${D} ${h}:${m}:${s}`;
    default:
      return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${h}:${m}:${s}`;
  }
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Generates rows as CSV text, chunk by chunk (so gigabytes never sit in memory).
 *
 * @example
 * ```ts
 * import { generateCsv } from "./write.ts";
 * const chunks = [...generateCsv({ rows: 3, seed: 1, mixed: false, startMs: 0, days: 1 })];
 * chunks.join("").split("\n")[0]; // "timestamp,log_level,message,ip,service,endpoint"
 * ```
 */
export function* generateCsv(options: GenOptions, rowsPerChunk = 20_000): Generator<string> {
  const r = new SeededRandom(options.seed);
  const eol = options.lineEnding ?? "\n";
  const span = Math.max(1, options.days) * 86_400_000;
  // Milliseconds in mixed mode so the sub-second formats are exercised.
  const unit = options.mixed ? 1 : 1000;
  const step = span / Math.max(1, options.rows);
  const incidentHour = Math.floor(span / 3_600_000 / 2);
  const clients = Array.from(
    { length: 200 },
    (_, i) => `192.168.${(i >> 6) + 1}.${(i * 37) % 250 + 2}`,
  );
  let chunk: string[] = [(options.bom ? "\ufeff" : "") + GEN_HEADER + eol];
  for (let i = 0; i < options.rows; i++) {
    const offset = Math.floor((i * step + r.next() * step) / unit) * unit;
    const ms = options.startMs + Math.min(offset, span - unit);
    const incident = Math.floor(offset / 3_600_000) === incidentHour;
    const level = pickLevel(r, incident);
    const levelText = options.mixed && r.next() < 0.5
      ? r.pick(LEVEL_ALIASES[level])
      : LEVEL_NAMES[level];
    let message = r.pick(MESSAGES[level])(r);
    if (options.mixed && r.next() < 0.02) {
      message += `\nStack trace line ${r.int(1, 9)}, caused by "upstream"`;
    }
    const ip = r.next() < 0.02 ? "" : r.pick(clients);
    const service = r.pick(SERVICES);
    const endpoint = r.pick(ENDPOINTS);
    let fields = [
      quote(formatTimestamp(ms, r, options.mixed, options.syslog ?? true)),
      levelText,
      quote(message),
      ip,
      service,
      endpoint,
    ];
    if (options.mixed && r.next() < 0.01) {
      if (r.next() < 0.5) fields[0] = `not-a-time-${r.int(1, 99)}`;
      else fields = fields.slice(0, 4);
    }
    chunk.push(fields.join(",") + eol);
    if (chunk.length >= rowsPerChunk) {
      yield chunk.join("");
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join("");
}

/**
 * Writes a generated CSV file.
 *
 * @example
 * ```ts
 * import { writeCsv } from "./write.ts";
 * // await writeCsv("/tmp/gen.csv", { rows: 1000, seed: 1, mixed: false, startMs: Date.UTC(2024, 0, 15), days: 3 });
 * ```
 */
export async function writeCsv(path: string, options: GenOptions): Promise<void> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    const encoder = new TextEncoder();
    for (const text of generateCsv(options)) {
      const bytes = encoder.encode(text);
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
    }
  } finally {
    file.close();
  }
}
