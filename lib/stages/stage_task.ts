/**
 * The shared shell of every stage task: parse arguments, print help, load
 * the config, run, and map errors to exit codes.
 *
 * @module
 */

import { formatHelp, parseCommandArgs } from "../cli/args.ts";
import type { CommandSpec } from "../cli/args.ts";
import { runMain } from "../cli/exit.ts";
import { loadConfig } from "../config/load.ts";
import type { Config } from "../config/schema.ts";
import { createConsole } from "./console.ts";
import { removeStaleTemps } from "../export/atomic.ts";
import { assertWritable } from "./permissions.ts";
import { acquireRunLock } from "./run_lock.ts";
import type { StageConsole } from "./console.ts";

/** What a stage task's body receives. */
export interface StageTaskContext {
  config: Config;
  out: StageConsole;
  values: Record<string, string | boolean | undefined>;
}

/** The output folders a task writes to, by config key. */
export type OutputFolder = "reports_dir" | "state_dir";

/**
 * Runs a task's body as the process's main.
 *
 * @example
 * ```ts
 * import { runStageTask } from "./stage_task.ts";
 * // await runStageTask({ name: "ingest", summary: "…", flags: {} }, ["state_dir"], async ({ config, out }) => {});
 * ```
 */
export async function runStageTask(
  spec: CommandSpec,
  writes: readonly OutputFolder[],
  body: (context: StageTaskContext) => Promise<number | void> | number | void,
): Promise<never> {
  return await runMain(async () => {
    const args = parseCommandArgs(spec, Deno.args);
    if (args.help) {
      console.log(formatHelp(spec));
      return 0;
    }
    const config = await loadConfig(args.config);
    for (const folder of writes) assertWritable(`output.${folder}`, config.output[folder]);
    const out = createConsole();
    const lock = await acquireRunLock(config.output.state_dir);
    if (lock.tookOverFrom !== undefined) {
      out.note(
        `run lock: the previous run (pid ${lock.tookOverFrom}) ended without finishing; taking over`,
      );
    }
    try {
      // Holding the lock, no other run can be writing: temp files here are a killed run's.
      for (const folder of writes) await removeStaleTemps(config.output[folder]);
      return await body({ config, out, values: args.values });
    } finally {
      lock.release();
    }
  });
}
