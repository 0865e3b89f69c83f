/**
 * `deno task export`: write the CSV and JSON reports.
 *
 * @module
 */

import { runExport } from "../lib/stages/export.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

await runStageTask(
  {
    name: "export",
    summary: "Write the CSV and JSON reports and rejected.csv into output.reports_dir.",
    flags: {},
  },
  ["state_dir", "reports_dir"],
  async ({ config, out }) => {
    await runExport(config, out);
  },
);
