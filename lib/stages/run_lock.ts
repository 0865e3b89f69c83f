/**
 * One run at a time per state folder. Two pipelines writing the same store
 * and reports would interleave their outputs, so every writing task holds an
 * exclusive lock on `state_dir/run.lock` for its whole run.
 *
 * The lock is the kernel's (flock), not the file's existence: a run killed
 * with SIGKILL loses it the moment it dies, so a stale lock can never block
 * anyone, and no pid can be mistaken for a live one after reuse. The file
 * holds the holder's pid and start time only to tell the next run who is
 * busy, or whose run ended without cleaning up.
 *
 * @module
 */

import { join } from "node:path";
import { RunLockedError } from "../cli/exit.ts";

/** How long a task waits for the lock before refusing to run. */
const WAIT_MS = 300;

/** The file, under `output.state_dir`, that runs lock. */
export const RUN_LOCK_FILE = "run.lock";

/** A held run lock. */
export interface RunLock {
  /** The pid recorded by a previous holder that did not release (a killed run), if any. */
  tookOverFrom?: number;
  /** Releases the lock (idempotent). */
  release(): void;
}

interface Holder {
  pid: number;
  started: string;
}

function readHolder(file: Deno.FsFile): Holder | undefined {
  file.seekSync(0, Deno.SeekMode.Start);
  const buf = new Uint8Array(256);
  const n = file.readSync(buf) ?? 0;
  try {
    const holder = JSON.parse(new TextDecoder().decode(buf.subarray(0, n)));
    return Number.isInteger(holder?.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the run lock of `stateDir`, or throws {@linkcode RunLockedError}
 * naming the pid that holds it.
 *
 * @example
 * ```ts
 * import { acquireRunLock } from "./run_lock.ts";
 * // const lock = await acquireRunLock("data/state");
 * // try { … } finally { lock.release(); }
 * ```
 */
export async function acquireRunLock(stateDir: string): Promise<RunLock> {
  await Deno.mkdir(stateDir, { recursive: true });
  const path = join(stateDir, RUN_LOCK_FILE);
  const file = await Deno.open(path, { read: true, write: true, create: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const locked = await Promise.race([
    file.lock(true).then(() => true),
    new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(false), WAIT_MS)),
  ]);
  clearTimeout(timer);
  if (!locked) {
    const holder = readHolder(file);
    file.close();
    throw new RunLockedError(
      `another logpulse run is using ${stateDir}` +
        (holder ? ` (pid ${holder.pid}, started ${holder.started})` : "") +
        `; wait for it to finish, or point output.state_dir elsewhere`,
    );
  }
  // Whoever wrote a pid and did not clear it was killed mid-run: its lock died with it.
  const stale = readHolder(file);
  const mine: Holder = { pid: Deno.pid, started: new Date().toISOString() };
  file.truncateSync(0);
  file.seekSync(0, Deno.SeekMode.Start);
  file.writeSync(new TextEncoder().encode(JSON.stringify(mine) + "\n"));
  let held = true;
  return {
    tookOverFrom: stale?.pid,
    release() {
      if (!held) return;
      held = false;
      file.truncateSync(0);
      file.unlockSync();
      file.close();
    },
  };
}
