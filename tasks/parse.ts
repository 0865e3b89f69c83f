/**
 * `deno task parse`: scan the ingested files on the worker pool into the store.
 *
 * @module
 */

import { runParse } from "../lib/stages/parse.ts";
import { runStageTask } from "../lib/stages/stage_task.ts";

await runStageTask(
  {
    name: "parse",
    summary:
      "Parse and normalise the files listed by `ingest` on the worker pool; write the cube to the store.",
    flags: {},
  },
  ["state_dir"],
  async ({ config, out }) => {
    await runParse(config, out);
  },
);
