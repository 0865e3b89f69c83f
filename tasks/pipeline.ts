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
    flags: {},
  },
  ["state_dir", "reports_dir"],
  async ({ config, out }) => {
    await runIngest(config, out);
    await runParse(config, out);
    runAnalytics(config, out);
    const { fresh } = await runAlerts(config, out);
    const summary = await runExport(config, out);
    for (const line of formatRunSummary(summary, fresh.length, config.output.reports_dir)) {
      out.print(line);
    }
  },
);
