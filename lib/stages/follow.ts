/**
 * Follow mode: after the first pass, watch the input paths and run the
 * pipeline again on every change, incrementally, until SIGINT or SIGTERM.
 *
 * Changes are noticed two ways: `Deno.watchFs` on the folders holding the
 * inputs (immediate), and a stat of every input file each `poll` interval (for
 * file systems without notifications, such as NFS, and for files that appear
 * under a folder created later). A stop signal lets the pass in progress
 * commit, then returns; a second one exits at once (every write is atomic or
 * transactional, so that is safe too).
 *
 * @module
 */

import { dirname, resolve, sep } from "node:path";
import { NoInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import { discoverInputs } from "../input/discover.ts";
import type { StageConsole } from "./console.ts";
import { resolveWorkers } from "../config/load.ts";
import type { ScanSettings } from "../engine/partition_scan.ts";
import { WorkerPool } from "../engine/pool.ts";
import { runPipelineCycle } from "./cycle.ts";

/** Options of {@linkcode followInputs}. */
export interface FollowOptions {
  /** Stops following when aborted (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  /** Milliseconds between stat polls. */
  pollMs?: number;
  /** Milliseconds to let a burst of writes settle before a pass. */
  debounceMs?: number;
}

/** Notes every pass repeats; follow mode keeps them out of the way. */
const ROUTINE_NOTE = /^(ingest|parse \(|store:|analytics|export|alerts: no alert|timing)/;

/**
 * Follows the inputs until stopped.
 *
 * @example
 * ```ts
 * import { followInputs } from "./follow.ts";
 * // await followInputs(config, createConsole());
 * ```
 */
export async function followInputs(
  config: Config,
  out: StageConsole,
  options: FollowOptions = {},
): Promise<void> {
  const stop = options.signal ?? stopOnSignals();
  const pollMs = options.pollMs ?? 1000;
  const debounceMs = options.debounceMs ?? 100;
  const outputs = [config.output.reports_dir, config.output.state_dir].map((dir) =>
    resolve(dir) + sep
  );
  const quiet: StageConsole = {
    note: (message) => {
      if (!ROUTINE_NOTE.test(message)) out.note(message);
    },
    print: (message) => out.print(message),
    progress: () => {},
    endProgress: () => {},
  };

  let wake: () => void = () => {};
  let dirty = false;
  const poke = () => {
    dirty = true;
    wake();
  };
  stop.addEventListener("abort", () => wake(), { once: true });

  const watchers: Deno.FsWatcher[] = [];
  for (const root of watchRoots(config.input.paths)) {
    try {
      const watcher = Deno.watchFs(root, { recursive: true });
      watchers.push(watcher);
      (async () => {
        for await (const event of watcher) {
          // Our own reports and store may live below a watched folder: ignore them.
          if (event.kind === "access") continue;
          if (event.paths.every((path) => outputs.some((dir) => path.startsWith(dir)))) continue;
          poke();
        }
      })().catch(() => {});
    } catch {
      // Not watchable (missing, or no permission): the poll still sees it.
    }
  }

  let signature = await inputSignature(config.input.paths);
  let pendingSince = 0;
  // Writes between the caller's first pass and the watchers starting would be
  // missed: one more pass now (a no-op when nothing changed) closes that gap.
  dirty = true;
  const poll = setInterval(async () => {
    const next = await inputSignature(config.input.paths);
    if (next !== signature) poke();
    // A held-back last line is counted once its file settles: look again then.
    else if (pendingSince > 0 && Date.now() - pendingSince > config.input.settle_seconds * 1000) {
      pendingSince = 0;
      poke();
    }
  }, pollMs);
  out.note(
    `follow: watching ${
      config.input.paths.join(", ")
    }; Ctrl-C or SIGTERM stops after the pass in progress`,
  );

  // Workers stay warm between passes; a pass that fails drops them (a worker may have died).
  let pool: WorkerPool | undefined;
  const poolOf = (settings: ScanSettings) =>
    pool ??= new WorkerPool(resolveWorkers(config), settings);
  try {
    while (!stop.aborted) {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      if (stop.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, debounceMs));
      dirty = false;
      signature = await inputSignature(config.input.paths);
      try {
        let cycle;
        try {
          cycle = await runPipelineCycle(config, quiet, { pool: poolOf });
        } catch (error) {
          pool?.close();
          pool = undefined;
          throw error;
        }
        pendingSince = cycle.parseRun.pendingBytes > 0 ? Date.now() : 0;
        const records = cycle.parseRun.records;
        if (records > 0 || cycle.events.length > 0) {
          out.print(
            `[${
              new Date().toISOString().slice(11, 19)
            }] +${records} record(s) (${cycle.parseRun.rejected} rejected), ${cycle.summary.total_rows} rows in all; alerts firing: ${
              cycle.summary.alerts.active.length === 0
                ? "none"
                : cycle.summary.alerts.active.join(", ")
            }`,
          );
        }
      } catch (error) {
        // Inputs may come and go while following; anything else stops the task.
        if (!(error instanceof NoInputError)) throw error;
        out.note(`follow: ${error.message}; waiting for input`);
      }
    }
  } finally {
    clearInterval(poll);
    for (const watcher of watchers) watcher.close();
    pool?.close();
  }
  out.note("follow: stopped");
}

/** Folders to watch for the configured paths (a glob's folder before its first wildcard). */
function watchRoots(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const path of paths) {
    const firstGlob = path.search(/[*?[]/);
    if (firstGlob >= 0) {
      roots.add(resolve(dirname(path.slice(0, firstGlob) + "x")));
      continue;
    }
    try {
      roots.add(resolve(Deno.statSync(path).isDirectory ? path : dirname(path)));
    } catch {
      roots.add(resolve(dirname(path)));
    }
  }
  return [...roots];
}

/** Sizes and times of every input file: changes when any input changes. */
async function inputSignature(paths: readonly string[]): Promise<string> {
  const { files } = await discoverInputs(paths);
  const parts: string[] = [];
  for (const file of files) {
    try {
      const info = await Deno.stat(file);
      parts.push(`${file}\0${info.size}\0${info.mtime?.getTime()}\0${info.ino}`);
    } catch {
      parts.push(`${file}\0gone`);
    }
  }
  return parts.join("\n");
}

/** An abort signal raised by the first SIGINT or SIGTERM; the second exits at once. */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) Deno.exit(130);
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  return controller.signal;
}
