/**
 * Least privilege made friendly: tasks get `--allow-write` only for the
 * default output folders, so a config pointing elsewhere is refused up front
 * with the fix, instead of failing halfway through a run.
 *
 * @module
 */

import { resolve } from "node:path";
import { UsageError } from "../cli/exit.ts";

/**
 * Throws a {@linkcode UsageError} unless the process may write under `dir`.
 *
 * @example
 * ```ts
 * import { assertWritable } from "./permissions.ts";
 * // assertWritable("output.reports_dir", "reports");
 * ```
 */
export function assertWritable(key: string, dir: string): void {
  const status = Deno.permissions.querySync({ name: "write", path: dir });
  if (status.state === "granted") return;
  throw new UsageError(
    `${key} is ${resolve(dir)}, which this task is not allowed to write: tasks may write only ` +
      `where deno.json grants --allow-write (reports and data/state by default); ` +
      `add the folder to the task's --allow-write list or choose a folder inside those`,
  );
}
