/**
 * `deno task ingest`: find input files, check headers, write the manifest.
 *
 * @module
 */

import { runIngest } from "../lib/stages/ingest.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

await runStageTask(
  {
    name: "ingest",
    summary:
      "Find the input files (input.paths), check their headers and write the manifest for `parse`.",
    flags: {},
  },
  ["state_dir"],
  async ({ config, out }) => {
    await runIngest(config, out);
  },
);
