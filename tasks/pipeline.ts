/**
 * `deno task pipeline`: every stage in order — ingest, parse, analytics,
 * alerts, export — then a short summary. Incremental unless `--full`; with
 * `--follow` it keeps running and processes new bytes as they are written.
 *
 * @module
 */

import { runPipelineCycle } from "../lib/stages/cycle.ts";
import { followInputs } from "../lib/stages/follow.ts";
import { formatRunSummary } from "../lib/stages/run_summary.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

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
      follow: {
        type: "boolean",
        description:
          "keep running: process new bytes within a second of a write; Ctrl-C or SIGTERM stops",
      },
    },
  },
  ["state_dir", "reports_dir"],
  async ({ config, out, values }) => {
    const first = await runPipelineCycle(config, out, { full: values.full === true });
    out.note(
      `timing: ${first.timings.map(([stage, s]) => `${stage} ${s.toFixed(2)} s`).join(", ")}`,
    );
    for (
      const line of formatRunSummary(first.summary, first.events.length, config.output.reports_dir)
    ) {
      out.print(line);
    }
    if (values.follow === true) await followInputs(config, out);
  },
);
