/**
 * Test harness: runs the pipeline stages in-process on a temporary workspace
 * and reads the reports back with csv-parse (an independent CSV reader).
 */

import { parse } from "csv-parse/sync";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../lib/config/schema.ts";
import type { Config } from "../../lib/config/schema.ts";
import { runAlerts } from "../../lib/stages/alerts.ts";
import { runAnalytics } from "../../lib/stages/analytics.ts";
import type { StageConsole } from "../../lib/stages/console.ts";
import { runExport } from "../../lib/stages/export.ts";
import { runIngest } from "../../lib/stages/ingest.ts";
import { runParse } from "../../lib/stages/parse.ts";
import type { ParseOptions } from "../../lib/stages/parse.ts";

/** A console that records what stages say. */
export function recordingConsole(): StageConsole & { notes: string[]; prints: string[] } {
  const notes: string[] = [];
  const prints: string[] = [];
  return {
    notes,
    prints,
    note: (message) => notes.push(message),
    print: (message) => prints.push(message),
    progress: () => {},
    endProgress: () => {},
  };
}

/** A config for a temporary workspace reading `inputs`. */
export function workspaceConfig(
  dir: string,
  inputs: string[],
  change: (config: Config) => void = () => {},
): Config {
  const config = structuredClone(DEFAULT_CONFIG);
  config.input.paths = inputs;
  config.output.reports_dir = join(dir, "reports");
  config.output.state_dir = join(dir, "state");
  change(config);
  return config;
}

/**
 * Settings for reading the hand-count fixture in place: its files are finished
 * whatever their modification time (a fresh clone makes it now), and over its
 * last hour (2024-01-16 09:30–10:29: DEBUG, WARN, ERROR) the error rate of 33%
 * exceeds 30%, so exactly one alert, HIGH_ERROR_RATE, is firing at its end.
 */
export function handcountSettings(config: Config): void {
  config.input.settle_seconds = 0;
  config.alerts.window_minutes = 60;
  config.alerts.min_rows = 3;
  config.alerts.error_rate_threshold = 0.3;
}

/** Runs every stage like `deno task pipeline` (`--full` with `options.full`). */
export async function runPipeline(config: Config, options: ParseOptions = {}) {
  const out = recordingConsole();
  await runIngest(config, out);
  await runParse(config, out, options);
  runAnalytics(config, out);
  const alerts = await runAlerts(config, out);
  const summary = await runExport(config, out);
  return { out, alerts, summary };
}

/** Reads a CSV report as objects (all values strings), via csv-parse. */
export async function readCsv(path: string): Promise<Record<string, string>[]> {
  return parse(await Deno.readTextFile(path), { columns: true }) as Record<string, string>[];
}

/** Reads a JSON report. */
export async function readJson<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await Deno.readTextFile(path)) as T;
}

/** Every report file's text, except summary.json's timing fields, for equality checks. */
export async function reportSnapshot(reportsDir: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (
    const name of [
      "csv/errors_by_type.csv",
      "csv/errors_by_hour.csv",
      "csv/top_errors.csv",
      "csv/errors_per_ip.csv",
      "csv/errors_per_service.csv",
      "json/error_trends.json",
      "json/errors_by_day.json",
      "json/errors_by_severity.json",
      "rejected.csv",
    ]
  ) {
    snapshot[name] = await Deno.readTextFile(join(reportsDir, name));
  }
  const summary = await readJson<Record<string, unknown>>(join(reportsDir, "json/summary.json"));
  for (
    const key of [
      "generated_at",
      "last_run",
      "run_id",
    ]
  ) {
    delete summary[key];
  }
  snapshot["json/summary.json"] = JSON.stringify(summary);
  return snapshot;
}

/** Gzips a file's bytes into `to`. */
export async function gzipFile(from: string, to: string): Promise<void> {
  const source = await Deno.open(from);
  const target = await Deno.open(to, { write: true, create: true, truncate: true });
  await source.readable.pipeThrough(new CompressionStream("gzip")).pipeTo(target.writable);
}
