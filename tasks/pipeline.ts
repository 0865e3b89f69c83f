/**
 * `deno task pipeline`: every stage in order — ingest, parse, analytics,
 * alerts, export — then a short summary.
 *
 * @module
 */

import { runAlerts } from "../lib/stages/alerts.ts";
import { runAnalytics } from "../lib/stages/analytics.ts";
import { runExport } from "../lib/stages/export.ts";
import { runIngest } from "../lib/stages/ingest.ts";
import { runParse } from "../lib/stages/parse.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";
import { formatRunSummary } from "../lib/stages/run_summary.ts";

await runStageTask(
  {
    name: "pipeline",
    summary: "Run every stage in order: ingest, parse, analytics, alerts, export.",
    flags: {
      full: {
        type: "boolean",
        description:
          "ignore checkpoints: rebuild the store from every file (default: only new bytes)",
      },
    },
  },
  ["state_dir", "reports_dir"],
  async ({ config, out, values }) => {
    const timings: string[] = [];
    const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
      const began = performance.now();
      const result = await run();
      timings.push(`${stage} ${((performance.now() - began) / 1000).toFixed(2)} s`);
      return result;
    };
    await timed("ingest", () => runIngest(config, out));
    await timed("parse", () => runParse(config, out, { full: values.full === true }));
    await timed("analytics", () => runAnalytics(config, out));
    const { fresh } = await timed("alerts", () => runAlerts(config, out));
    const summary = await timed("export", () => runExport(config, out));
    out.note(`timing: ${timings.join(", ")}`);
    for (const line of formatRunSummary(summary, fresh.length, config.output.reports_dir)) {
      out.print(line);
    }
  },
);
