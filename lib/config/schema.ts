/**
 * The config's shape, defaults and validation (zod, strict: unknown keys are
 * errors). Keys are snake_case as in `config/config.yaml`.
 *
 * @module
 */

import { z } from "zod";
import { createZone } from "../time/zone.ts";
import { LEVEL_NAMES } from "../model/level.ts";

/** The shipped error-type rules, in order: the first match names a message's type. */
export const DEFAULT_ERROR_TYPES = [
  { name: "$1", pattern: "\\b([A-Z][A-Za-z0-9]*(?:Exception|Error))\\b" },
  { name: "Timeout", pattern: "timeout|\\btime[sd]? ?outs?\\b|deadline exceeded", flags: "i" },
  {
    name: "ConnectionError",
    pattern:
      "connection (?:refused|reset|closed|lost|aborted|failed)|unreachable|broken pipe|ECONNREFUSED|ECONNRESET",
    flags: "i",
  },
  {
    name: "AuthenticationError",
    pattern:
      "auth(?:entication)? failed|invalid (?:credentials|password|token)|unauthori[sz]ed|login failed",
    flags: "i",
  },
  { name: "NotFound", pattern: "not found|no such file|does not exist", flags: "i" },
  {
    name: "PermissionDenied",
    pattern: "permission denied|access denied|forbidden|not permitted|EACCES",
    flags: "i",
  },
];

const levelName = z.preprocess(
  (value) => typeof value === "string" ? value.trim().toUpperCase() : value,
  z.enum(LEVEL_NAMES as [string, ...string[]]),
);

/** A regular expression's source, checked to compile. */
const regexSource = z.string().min(1, "must not be empty").refine((pattern) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}, "is not a valid regular expression");

const errorTypeRule = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  pattern: z.string().min(1, "must not be empty").refine((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, "is not a valid regular expression"),
  flags: z.string().regex(/^[imsu]*$/, "may only contain the RegExp flags i, m, s, u").optional(),
});

const input = z.strictObject({
  paths: z.array(z.string().min(1)).min(1, "needs at least one file, directory or glob").default([
    "data/raw_logs",
  ]),
  timezone: z.string().refine((name) => {
    try {
      createZone(name);
      return true;
    } catch {
      return false;
    }
  }, "is not a time zone (use UTC, an offset like +02:00, or an IANA name like Europe/Berlin)")
    .default("UTC"),
  default_year: z.number().int().min(1970).max(9999).nullable().default(null),
  max_record_bytes: z.number().int().min(1024).max(1 << 30).default(1 << 20),
  settle_seconds: z.number().min(0).max(86_400).default(60),
  formats: z.array(
    z.looseObject({ match: z.string().min(1), include: z.string().min(1).optional() }),
  ).default([]),
  level_keywords: z.strictObject({
    critical: z.array(regexSource).optional(),
    error: z.array(regexSource).optional(),
    warn: z.array(regexSource).optional(),
  }).nullable().default(null),
});

const engine = z.strictObject({
  workers: z.number().int().min(0).max(256).default(0),
  partition_mb: z.number().positive().max(4096).default(32),
});

const output = z.strictObject({
  reports_dir: z.string().min(1).default("reports"),
  state_dir: z.string().min(1).default("data/state"),
});

const analytics = z.strictObject({
  error_levels: z.array(levelName).min(1).default(["ERROR", "CRITICAL"]),
  top_n: z.number().int().min(1).max(100_000).default(10),
  error_types: z.array(errorTypeRule).default(DEFAULT_ERROR_TYPES),
});

const alerts = z.strictObject({
  window_minutes: z.number().int().min(1).max(10_080).default(15),
  group_by: z.array(z.enum(["service"])).max(1).default([]),
  error_rate_threshold: z.number().min(0).max(1).default(0.1),
  min_rows: z.number().int().min(1).default(20),
  error_count_threshold: z.number().int().min(0).default(100),
  critical_error_threshold: z.number().int().min(0).default(5),
  spike_factor: z.number().min(1).default(3),
  spike_windows: z.number().int().min(1).max(96).default(8),
  spike_min_errors: z.number().int().min(1).default(10),
  for_minutes: z.number().int().min(0).max(10_080).default(5),
  repeat_minutes: z.number().int().min(1).max(100_000).default(60),
  webhook_url: z.url({ protocol: /^https?$/ }).nullable().default(null),
  webhook_timeout_seconds: z.number().positive().max(300).default(5),
  webhook_retries: z.number().int().min(1).max(10).default(3),
});

const dashboard = z.strictObject({
  refresh_seconds: z.number().min(0.5).max(86_400).default(5),
});

/** The whole config: every section optional, every key defaulted. */
export const ConfigSchema = z.strictObject({
  input: input.default(() => input.parse({})),
  engine: engine.default(() => engine.parse({})),
  output: output.default(() => output.parse({})),
  analytics: analytics.default(() => analytics.parse({})),
  alerts: alerts.default(() => alerts.parse({})),
  dashboard: dashboard.default(() => dashboard.parse({})),
});

/** A validated config. */
export type Config = z.infer<typeof ConfigSchema>;

/**
 * The config with every default, as used when a key is absent.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "./schema.ts";
 * DEFAULT_CONFIG.input.paths; // ["data/raw_logs"]
 * ```
 */
export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
