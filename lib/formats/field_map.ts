/**
 * Mapping of named fields (JSON keys, logfmt keys) onto {@link LineFields}:
 * the candidate names for each field, tried in order, and the value
 * conversions JSON Lines and logfmt share.
 *
 * @example
 * ```ts
 * import { mapNamedFields } from "./field_map.ts";
 * const rec = new Map([["msg", "hi"], ["level", "warn"]]);
 * mapNamedFields((k) => rec.get(k), {}, "msg=hi level=warn").level; // "warn"
 * ```
 * @module
 */

import { inferLevel, type KeywordLevelMatcher, type KeywordLevelOptions } from "./keyword_level.ts";
import { resolveKeywordMatcher } from "./keyword_level.ts";
import { epochToMs, type LineFields } from "./record.ts";

/**
 * Which field names feed which record field; each list is tried in order, first present wins.
 *
 * @example
 * ```ts
 * import type { FieldNameOptions } from "./field_map.ts";
 * const zeek: FieldNameOptions = { ipFields: ["id.orig_h"], serviceFields: ["_path"] };
 * ```
 */
export interface FieldNameOptions {
  timestampFields?: readonly string[];
  levelFields?: readonly string[];
  messageFields?: readonly string[];
  serviceFields?: readonly string[];
  ipFields?: readonly string[];
  endpointFields?: readonly string[];
  /** Keyword lists (or a compiled matcher) for inferring a level when no level field is present. */
  levelKeywords?: KeywordLevelOptions | KeywordLevelMatcher;
}

/**
 * The default field names (Elastic ECS, Zeek, pino/bunyan, logrus and Go slog spellings).
 *
 * @example
 * ```ts
 * import { DEFAULT_FIELD_NAMES } from "./field_map.ts";
 * DEFAULT_FIELD_NAMES.messageFields; // ["message", "msg"]
 * ```
 */
export const DEFAULT_FIELD_NAMES: Readonly<Required<Omit<FieldNameOptions, "levelKeywords">>> = {
  timestampFields: ["timestamp", "time", "@timestamp", "ts"],
  levelFields: ["level", "severity", "lvl", "log.level"],
  messageFields: ["message", "msg"],
  serviceFields: ["service", "app", "_path", "logger"],
  ipFields: ["ip", "client_ip", "id.orig_h", "src_ip", "remote_addr"],
  endpointFields: ["endpoint", "path", "url", "uri"],
};

/**
 * Looks a field name up in a record; undefined when absent.
 *
 * @example
 * ```ts
 * import type { FieldLookup } from "./field_map.ts";
 * const record = new Map([["msg", "hi"]]);
 * const lookup: FieldLookup = (name) => record.get(name);
 * ```
 */
export type FieldLookup = (name: string) => unknown;

// Only plain epoch numbers: 9-13 integer digits spans 1973..2286 in seconds and
// 1970..2286 in ms, so short numbers such as "2024" stay text.
const EPOCH_TEXT = /^\d{9,13}(?:\.\d+)?$/;

/**
 * A scalar as text, or null for values that cannot name a service, address or
 * level (objects, arrays, booleans, null, empty strings).
 *
 * @example
 * ```ts
 * import { scalarText } from "./field_map.ts";
 * scalarText(30); // "30"
 * scalarText({ a: 1 }); // null
 * ```
 */
export function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return String(value);
  return null;
}

function firstText(lookup: FieldLookup, names: readonly string[]): string | null {
  for (const name of names) {
    const text = scalarText(lookup(name));
    if (text !== null) return text;
  }
  return null;
}

/**
 * Cuts the query string and fragment off a path or URL: endpoints are grouped
 * by route, and `?id=7` would make every request its own endpoint.
 *
 * @example
 * ```ts
 * import { stripQuery } from "./field_map.ts";
 * stripQuery("/api/items?id=7#top"); // "/api/items"
 * ```
 */
export function stripQuery(target: string): string {
  const cut = target.search(/[?#]/);
  return cut === -1 ? target : target.slice(0, cut);
}

function timestampOf(
  lookup: FieldLookup,
  names: readonly string[],
): { ts: string | null; tsEpochMs?: number } {
  for (const name of names) {
    const value = lookup(name);
    if (typeof value === "number") {
      const ms = epochToMs(value);
      if (ms !== null) return { ts: String(value), tsEpochMs: ms };
    } else if (typeof value === "string" && value !== "") {
      if (EPOCH_TEXT.test(value)) {
        const ms = epochToMs(Number(value));
        if (ms !== null) return { ts: value, tsEpochMs: ms };
      }
      // ISO and other text stamps are left to lib/time, which knows the zone rules.
      return { ts: value };
    }
  }
  return { ts: null };
}

function messageOf(lookup: FieldLookup, names: readonly string[]): string | null {
  for (const name of names) {
    const value = lookup(name);
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    // A structured message is kept whole rather than dropped.
    if (value !== null && typeof value === "object") return JSON.stringify(value);
  }
  return null;
}

/**
 * Builds the record fields from a named-field record: the first present name
 * of each list wins; the message falls back to the whole line, and the level
 * to keyword inference on the message.
 *
 * @example
 * ```ts
 * import { mapNamedFields } from "./field_map.ts";
 * const rec: Record<string, unknown> = { ts: 1521911747.5, msg: "login failed", ip: "10.0.0.1" };
 * const f = mapNamedFields((k) => rec[k], {}, "{...}");
 * [f.tsEpochMs, f.level, f.ip]; // [1521911747500, "ERROR", "10.0.0.1"]
 * ```
 */
export function mapNamedFields(
  lookup: FieldLookup,
  options: FieldNameOptions,
  wholeLine: string,
): LineFields {
  const names = { ...DEFAULT_FIELD_NAMES, ...options };
  const message = messageOf(lookup, names.messageFields) ?? wholeLine;
  const level = firstText(lookup, names.levelFields) ??
    inferLevel(message, resolveKeywordMatcher(options.levelKeywords));
  const endpoint = firstText(lookup, names.endpointFields);
  const fields: LineFields = {
    ...timestampOf(lookup, names.timestampFields),
    level,
    service: firstText(lookup, names.serviceFields),
    ip: firstText(lookup, names.ipFields),
    endpoint: endpoint === null ? null : stripQuery(endpoint),
    message,
  };
  return fields;
}
