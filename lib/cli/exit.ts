/**
 * Exit codes and the errors that map to them: 0 success, 1 unexpected
 * failure (a bug), 2 usage or config error, or a stage run before the one it
 * reads from, 3 no input could be read, 4 another run holds the state folder.
 *
 * @module
 */

import { escapeControl } from "./sanitize.ts";

/** Process exit codes. */
export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2, NO_INPUT: 3, BUSY: 4 } as const;

/** Bad arguments or config: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A stage's input (written by the stage before it) is missing: exit 2. */
export class MissingInputError extends Error {
  override name = "MissingInputError";
}

/** No input file could be read: exit 3. */
export class NoInputError extends Error {
  override name = "NoInputError";
}

/** Another run holds the state folder's lock: exit 4. */
export class RunLockedError extends Error {
  override name = "RunLockedError";
}

/**
 * The exit code for an error thrown out of a task.
 *
 * @example
 * ```ts
 * import { exitCodeOf, UsageError } from "./exit.ts";
 * exitCodeOf(new UsageError("bad flag")); // 2
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof MissingInputError) return ExitCode.USAGE;
  if (error instanceof NoInputError) return ExitCode.NO_INPUT;
  if (error instanceof RunLockedError) return ExitCode.BUSY;
  return ExitCode.FAILURE;
}

/**
 * Runs a task body and exits with its code; known errors print one line,
 * unexpected ones their stack (they are bugs).
 *
 * @example
 * ```ts
 * import { runMain } from "./exit.ts";
 * // await runMain(async () => 0);
 * ```
 */
export async function runMain(body: () => Promise<number | void> | number | void): Promise<never> {
  let code: number;
  try {
    code = (await body()) ?? ExitCode.OK;
  } catch (error) {
    code = exitCodeOf(error);
    if (code === ExitCode.FAILURE) {
      console.error(
        escapeControl(`logpulse: internal error: ${error instanceof Error ? error.stack : error}`),
      );
    } else {
      // One line per line of the message (config errors list one key per line), each escaped.
      for (const line of `logpulse: ${(error as Error).message}`.split("\n")) {
        console.error(escapeControl(line));
      }
    }
  }
  Deno.exit(code);
}
