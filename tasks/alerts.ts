/**
 * `deno task alerts`: evaluate the alert thresholds.
 *
 * @module
 */

import { runAlerts } from "../lib/stages/alerts.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

await runStageTask(
  {
    name: "alerts",
    summary: "Evaluate the alert thresholds on the analytics results; print and log new alerts.",
    flags: {},
  },
  ["state_dir", "reports_dir"],
  async ({ config, out }) => {
    await runAlerts(config, out);
  },
);
