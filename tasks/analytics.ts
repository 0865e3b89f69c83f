/**
 * `deno task analytics`: compute every report from the store.
 *
 * @module
 */

import { runAnalytics } from "../lib/stages/analytics.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

await runStageTask(
  {
    name: "analytics",
    summary: "Compute error trends, breakdowns and the summary from the store written by `parse`.",
    flags: {},
  },
  ["state_dir"],
  ({ config, out }) => {
    runAnalytics(config, out);
  },
);
