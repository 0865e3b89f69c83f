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
    flags: {
      full: {
        type: "boolean",
        description:
          "ignore checkpoints: rebuild the store from every file (default: only new bytes)",
      },
    },
  },
  ["state_dir"],
  async ({ config, out, values }) => {
    await runParse(config, out, { full: values.full === true });
  },
);
