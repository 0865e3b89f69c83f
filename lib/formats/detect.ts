/**
 * Guessing a file's log format from its first lines: each non-blank line gets
 * a cheap check per format, and the format most lines agree on wins. One odd
 * line (a truncated record, a banner) therefore does not flip the verdict.
 *
 * @example
 * ```ts
 * import { detectFormat } from "./detect.ts";
 * detectFormat(['{"level":"info","msg":"a"}', '{"level":"warn","msg":"b"}']);
 * // { format: "jsonl", confidence: 1 }
 * ```
 * @module
 */

import { tokenizeLogfmt } from "./logfmt.ts";
import { stripEol } from "./record.ts";

/**
 * The formats {@link detectFormat} can report.
 *
 * @example
 * ```ts
 * import { type DetectedFormat, detectFormat } from "./detect.ts";
 * const format: DetectedFormat = detectFormat(["a=1 b=2"]).format; // "logfmt"
 * ```
 */
export type DetectedFormat =
  | "csv"
  | "jsonl"
  | "access"
  | "syslog3164"
  | "syslog5424"
  | "logfmt"
  | "unknown";

/**
 * A detection verdict; confidence is the share (0..1) of lines that agree with it.
 *
 * @example
 * ```ts
 * import { type Detection, detectFormat } from "./detect.ts";
 * const verdict: Detection = detectFormat([]); // { format: "unknown", confidence: 0 }
 * ```
 */
export interface Detection {
  format: DetectedFormat;
  confidence: number;
}

/**
 * How many non-blank lines are looked at; more costs time and rarely changes the verdict.
 *
 * @example
 * ```ts
 * import { DETECT_MAX_LINES } from "./detect.ts";
 * DETECT_MAX_LINES; // 20
 * ```
 */
export const DETECT_MAX_LINES = 20;

// Below this share of agreeing lines the verdict is "unknown": a file where
// most lines fit nothing is not safely parsed with any single parser.
const MIN_SHARE = 0.5;

const SYSLOG5424 = /^<\d{1,3}>[1-9]\d? \S+ \S+ \S+ \S+ \S+ (?:-|\[)/;
const ACCESS = /^\S+ \S+ .*?\[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "/;
const SYSLOG3164 = /^(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]?\d \d{2}:\d{2}:\d{2} \S+ \S/;
// The column names lib/input accepts for the timestamp (see README "Input format").
const TIMESTAMP_COLUMNS = new Set(["timestamp", "time", "datetime", "@timestamp", "ts"]);
const HEADER_NAME = /^[A-Za-z_@][\w .@-]{0,63}$/;

/**
 * Splits a CSV line into fields, honouring `"..."` quoting with `""` escapes.
 * Returns null when a quote is left open (a record continuing on the next
 * line), since its field count cannot be known from this line alone.
 */
function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  if (inQuotes) return null;
  fields.push(field);
  return fields;
}

interface CsvHeader {
  columns: number;
  /** Whether a timestamp column is present: then the file is CSV whatever the votes say. */
  hasTimestamp: boolean;
}

function csvHeader(line: string): CsvHeader | null {
  const fields = csvFields(line.replace(/^\uFEFF/, ""));
  if (fields === null || fields.length < 2) return null;
  const names = fields.map((f) => f.trim());
  if (!names.every((name) => HEADER_NAME.test(name))) return null;
  return {
    columns: names.length,
    hasTimestamp: names.some((name) => TIMESTAMP_COLUMNS.has(name.toLowerCase())),
  };
}

function isJsonObject(line: string): boolean {
  if (!line.startsWith("{") || !line.endsWith("}")) return false;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}

function isLogfmt(line: string): boolean {
  const tokens = tokenizeLogfmt(line);
  // Two pairs and more pairs than bare words keeps prose with one "a=b" out.
  return typeof tokens !== "string" && tokens.pairCount >= 2 &&
    tokens.pairCount > tokens.bareCount;
}

/** The format one line looks like, most specific check first; null when none fits. */
function classifyLine(line: string, header: CsvHeader | null): DetectedFormat | null {
  if (isJsonObject(line)) return "jsonl";
  if (SYSLOG5424.test(line)) return "syslog5424";
  if (ACCESS.test(line)) return "access";
  if (SYSLOG3164.test(line)) return "syslog3164";
  if (isLogfmt(line)) return "logfmt";
  if (header !== null) {
    const fields = csvFields(line);
    // Rows of a record with a quoted line break are split here; a piece that
    // still has a comma is counted as CSV, since it is part of a CSV record.
    if (fields === null ? line.includes(",") : fields.length === header.columns) return "csv";
  }
  return null;
}

const PRIORITY: readonly DetectedFormat[] = [
  "jsonl",
  "syslog5424",
  "access",
  "syslog3164",
  "logfmt",
  "csv",
];

/**
 * Detects the format of a file from its first lines (blank lines are skipped;
 * at most {@link DETECT_MAX_LINES} are used). A first line that is a CSV header
 * naming a timestamp column (`timestamp`, `time`, `datetime`, `@timestamp`,
 * `ts`) decides "csv" outright; otherwise the format most lines match wins, ties
 * going to the more specific format, and "unknown" (confidence 0) is returned
 * when fewer than half the lines agree.
 *
 * @example
 * ```ts
 * import { detectFormat } from "./detect.ts";
 * detectFormat(["timestamp,log_level,message", "2024-01-15 00:00:13,INFO,ok"]);
 * // { format: "csv", confidence: 1 }
 * detectFormat(["Mar 27 13:06:56 host sshd[1291]: Server listening on 0.0.0.0 port 22."]);
 * // { format: "syslog3164", confidence: 1 }
 * ```
 */
export function detectFormat(firstLines: string[]): Detection {
  const lines: string[] = [];
  for (const raw of firstLines) {
    const line = stripEol(raw).trim();
    if (line !== "") lines.push(line);
    if (lines.length === DETECT_MAX_LINES) break;
  }
  if (lines.length === 0) return { format: "unknown", confidence: 0 };
  lines[0] = lines[0].replace(/^\uFEFF/, "");
  const header = csvHeader(lines[0]);
  const votes = new Map<DetectedFormat, number>();
  lines.forEach((line, i) => {
    const format = i === 0 && header !== null ? "csv" : classifyLine(line, header);
    if (format !== null) votes.set(format, (votes.get(format) ?? 0) + 1);
  });
  const share = (format: DetectedFormat) => (votes.get(format) ?? 0) / lines.length;
  if (header !== null && header.hasTimestamp) return { format: "csv", confidence: share("csv") };
  let best: DetectedFormat = "unknown";
  let bestVotes = 0;
  for (const format of PRIORITY) {
    const n = votes.get(format) ?? 0;
    if (n > bestVotes) {
      best = format;
      bestVotes = n;
    }
  }
  // A lone header-like first line is not evidence of CSV by itself.
  if (best === "csv" && bestVotes === 1) return { format: "unknown", confidence: 0 };
  const confidence = bestVotes / lines.length;
  if (best === "unknown" || confidence < MIN_SHARE) return { format: "unknown", confidence: 0 };
  return { format: best, confidence };
}
