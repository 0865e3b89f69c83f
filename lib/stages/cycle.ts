/**
 * One pass of every stage in order — ingest, parse, analytics, alerts,
 * export — as `deno task pipeline` runs it, once or (with `--follow`) on
 * every change.
 *
 * @module
 */

import type { SummaryFile } from "../analytics/reports.ts";
import type { AlertEvent } from "../alerts/lifecycle.ts";
import type { Config } from "../config/schema.ts";
import { runAlerts } from "./alerts.ts";
import { runAnalytics } from "./analytics.ts";
import type { StageConsole } from "./console.ts";
import { runExport } from "./export.ts";
import { runIngest } from "./ingest.ts";
import { runParse } from "./parse.ts";
import type { ParseOptions } from "./parse.ts";
import type { ParseRun } from "../store/write_scan.ts";

/** What one pass did. */
export interface CycleOutcome {
  parseRun: ParseRun;
  summary: SummaryFile;
  /** Alert events recorded by this pass. */
  events: AlertEvent[];
  /** Seconds per stage, in order. */
  timings: [string, number][];
}

/**
 * Runs every stage once.
 *
 * @example
 * ```ts
 * import { runPipelineCycle } from "./cycle.ts";
 * // const { summary, events } = await runPipelineCycle(config, createConsole(), { full: false });
 * ```
 */
export async function runPipelineCycle(
  config: Config,
  out: StageConsole,
  options: ParseOptions = {},
): Promise<CycleOutcome> {
  const timings: [string, number][] = [];
  const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const began = performance.now();
    const result = await run();
    timings.push([stage, (performance.now() - began) / 1000]);
    return result;
  };
  await timed("ingest", () => runIngest(config, out));
  const parseRun = await timed("parse", () => runParse(config, out, options));
  await timed("analytics", () => runAnalytics(config, out));
  const { fresh } = await timed("alerts", () => runAlerts(config, out));
  const summary = await timed("export", () => runExport(config, out));
  return { parseRun, summary, events: fresh, timings };
}
