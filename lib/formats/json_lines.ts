/**
 * JSON Lines: one JSON object per line (Zeek, Elastic ECS, pino, bunyan,
 * logrus, Go slog and most structured loggers).
 *
 * Field names may be dotted. `log.level` is looked up first as a literal key
 * (Zeek writes flat `"id.orig_h"` keys) and then as a path into nested objects
 * (ECS writes `{"log": {"level": "info"}}`), so both conventions work with one
 * list of names.
 *
 * @example
 * ```ts
 * import { parseJsonLine } from "./json_lines.ts";
 * const out = parseJsonLine('{"time":"2024-01-15T10:00:00Z","level":"warn","msg":"slow"}');
 * out.ok && out.fields.level; // "warn"
 * ```
 * @module
 */

import { type FieldNameOptions, mapNamedFields } from "./field_map.ts";
import { accept, type ParseOutcome, reject, stripEol } from "./record.ts";

/**
 * Options for {@link parseJsonLine}: the field-name lists and level keywords.
 *
 * @example
 * ```ts
 * import { type JsonLineOptions, parseJsonLine } from "./json_lines.ts";
 * const options: JsonLineOptions = { serviceFields: ["svc"] };
 * parseJsonLine('{"svc":"api"}', options).ok; // true
 * ```
 */
export type JsonLineOptions = FieldNameOptions;

/**
 * Reads a possibly dotted field name from a parsed object: the literal key
 * first, then the nested path. Returns undefined when neither exists.
 *
 * @example
 * ```ts
 * import { getField } from "./json_lines.ts";
 * getField({ log: { level: "info" } }, "log.level"); // "info"
 * getField({ "id.orig_h": "10.0.0.1" }, "id.orig_h"); // "10.0.0.1"
 * ```
 */
export function getField(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  if (!name.includes(".")) return undefined;
  let node: unknown = record;
  for (const part of name.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    const obj = node as Record<string, unknown>;
    // hasOwn keeps "constructor" or "__proto__" from resolving to Object.prototype members.
    if (!Object.hasOwn(obj, part)) return undefined;
    node = obj[part];
  }
  return node;
}

function describeJsonError(error: unknown): string {
  return error instanceof SyntaxError ? error.message : String(error);
}

/**
 * Parses one JSON Lines record. Rejects lines that are not valid JSON or whose
 * value is not an object (a bare string, number or array is no log record).
 *
 * @example
 * ```ts
 * import { parseJsonLine } from "./json_lines.ts";
 * const line = '{"ts":1521911747.733,"_path":"ssh","id.orig_h":"10.0.0.227"}';
 * const out = parseJsonLine(line);
 * out.ok && [out.fields.service, out.fields.ip, out.fields.tsEpochMs];
 * // ["ssh", "10.0.0.227", 1521911747733]
 * ```
 */
export function parseJsonLine(line: string, options: JsonLineOptions = {}): ParseOutcome {
  const text = stripEol(line).trim();
  if (text === "") return reject("json: empty line");
  if (text[0] !== "{") return reject("json: line does not start with '{' (not a JSON object)");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject(`json: invalid JSON (${describeJsonError(error)})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return reject("json: line is not a JSON object");
  }
  const record = value as Record<string, unknown>;
  return accept(mapNamedFields((name) => getField(record, name), options, text));
}
