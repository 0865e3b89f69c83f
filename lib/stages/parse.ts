/**
 * The parse stage: scans the manifest's files on the worker pool into the
 * cube and commits it to the store with each file's checkpoint.
 *
 * Incremental by default: files read before resume at their checkpoint, so a
 * run reads only new files and appended bytes, and adds their counts to the
 * stored aggregate. A file truncated or rewritten in place cannot have its
 * old counts taken out of the aggregate (counts are merged, not kept per
 * file), so that case rebuilds from every present file, as `--full` does.
 *
 * @module
 */

import { join } from "node:path";
import { MissingInputError, NoInputError } from "../cli/exit.ts";
import { resolveWorkers } from "../config/load.ts";
import type { Config } from "../config/schema.ts";
import { runScan, wholeFile } from "../engine/run_scan.ts";
import type { FileScan, RunScanOptions, ScanTarget } from "../engine/run_scan.ts";
import { advanceCheckpoint, hasNewBytes, refusedCheckpoint } from "../incremental/advance.ts";
import type { Fingerprint } from "../incremental/advance.ts";
import { mergeAggregates } from "../aggregate/merge.ts";
import { readCheckpoints } from "../incremental/checkpoint.ts";
import type { Checkpoint } from "../incremental/checkpoint.ts";
import { matchCheckpoints } from "../incremental/resume.ts";
import type { ResumeEntry } from "../incremental/resume.ts";
import { HEAD_BYTES, PrefixHasher } from "../input/fingerprint.ts";
import type { InputFile, Manifest } from "../input/manifest.ts";
import { levelIndex } from "../model/level.ts";
import { getMeta, openStore } from "../store/open.ts";
import { readAggregate } from "../store/read_aggregate.ts";
import { RejectedSpool } from "../store/rejected_spool.ts";
import { writeScan } from "../store/write_scan.ts";
import type { ParseRun } from "../store/write_scan.ts";
import type { StageConsole } from "./console.ts";
import { formatBytes, MANIFEST_FILE } from "./ingest.ts";

/** Options of {@linkcode runParse}. */
export interface ParseOptions {
  /** Ignore checkpoints: rebuild the store from every present file. */
  full?: boolean;
  /** The clock, for deciding whether a file is still being written. */
  now?: number;
  /** A worker pool kept across runs (see `RunScanOptions.pool`). */
  pool?: RunScanOptions["pool"];
}

/**
 * Runs parse on the manifest written by ingest.
 *
 * @example
 * ```ts
 * import { runParse } from "./parse.ts";
 * // const parseRun = await runParse(config, createConsole(), { full: false });
 * ```
 */
export async function runParse(
  config: Config,
  out: StageConsole,
  options: ParseOptions = {},
): Promise<ParseRun> {
  const manifest = await readManifest(config);
  const now = options.now ?? Date.now();
  const settleMs = config.input.settle_seconds * 1000;
  // A file written to within the settle time may end mid-line: its last line waits.
  const holdTail = (file: InputFile) => !file.gzip && now - file.mtimeMs < settleMs;
  const hashers = new Map<InputFile, PrefixHasher>();
  const hasherOf = (file: InputFile) => {
    let hasher = hashers.get(file);
    if (!hasher) hashers.set(file, hasher = new PrefixHasher(file.path, file.gzip));
    return hasher;
  };

  const db = openStore(config.output.state_dir, { create: true });
  try {
    const previous = getMeta<ParseRun>(db, "parse_run");
    const settings = countingSettings(config);
    const { mode, entries, gone } = await planRun(
      manifest,
      previous,
      readCheckpoints(db),
      settings,
      options.full === true,
      hasherOf,
      out,
    );

    const targets: ScanTarget[] = [];
    const targetOf = new Map<InputFile, number>();
    for (const { file, from } of entries) {
      if (from && !hasNewBytes(file, from)) continue;
      targetOf.set(file, targets.length);
      targets.push(
        from
          ? { file, start: from.offset, lineBase: from.lines, holdTail: holdTail(file) }
          : wholeFile(file, holdTail(file)),
      );
    }

    const workers = resolveWorkers(config);
    const spool = new RejectedSpool(db);
    const run = await runScan(targets, {
      pool: options.pool,
      workers,
      partitionBytes: config.engine.partition_mb * 1024 * 1024,
      settings: {
        timezone: config.input.timezone,
        maxRecordBytes: config.input.max_record_bytes,
        errorLevels: config.analytics.error_levels.map(levelIndex),
        rules: config.analytics.error_types,
      },
      onProgress: (done, total) => out.progress("parse", done, total),
      onRejected: (row) => spool.add(row),
    });
    spool.flush();
    out.endProgress();
    if (mode === "incremental") {
      // Merge with what the store holds for the hours this run touched; other hours stay.
      const base = readAggregate(db, previous!, new Set(run.aggregate.hours));
      run.aggregate = mergeAggregates([base, run.aggregate]);
    }

    const checkpoints: Checkpoint[] = [];
    const renamed: { from: string; to: string }[] = [];
    for (const { file, from } of entries) {
      const index = targetOf.get(file);
      const scan: FileScan | null = index === undefined ? null : run.files[index];
      checkpoints.push(advanceCheckpoint(file, from, scan, await fingerprintOf(hasherOf(file))));
      if (from && from.name !== file.name) renamed.push({ from: from.name, to: file.name });
    }
    for (const c of gone) checkpoints.push({ ...c, status: "gone" });
    for (const refused of manifest.refused) checkpoints.push(refusedCheckpoint(refused));

    const storeBegan = performance.now();
    const parseRun = writeScan(db, {
      run,
      manifest,
      mode,
      checkpoints,
      renamed,
      errorLevels: [...config.analytics.error_levels],
      workers: run.workers,
      settings,
      rejected: spool,
    });
    out.note(`store: written in ${((performance.now() - storeBegan) / 1000).toFixed(2)} s`);
    reportFiles(run.files, entries, gone, out);
    const records = run.files.reduce((sum, file) => sum + file.records, 0);
    out.note(
      `parse (${mode}): ${records} new records (${spool.count} rejected) from ${
        formatBytes(run.bytes)
      } in ${run.seconds.toFixed(2)} s on ${threadsText(run.workers)}, ${
        (run.bytes / 1e6 / Math.max(run.seconds, 1e-9)).toFixed(0)
      } MB/s`,
    );
    return parseRun;
  } finally {
    db.close();
  }
}

/** What a run will do: rebuild or add, and which files continue which checkpoint. */
interface RunPlan {
  mode: ParseRun["mode"];
  entries: ResumeEntry[];
  gone: Checkpoint[];
}

/**
 * Decides between an incremental run and a rebuild (asked for, first run,
 * changed settings, a file rewritten in place), and says why on the console.
 */
async function planRun(
  manifest: Manifest,
  previous: ParseRun | undefined,
  stored: Checkpoint[],
  settings: Record<string, string>,
  full: boolean,
  hasherOf: (file: InputFile) => PrefixHasher,
  out: StageConsole,
): Promise<RunPlan> {
  const rebuild: RunPlan = {
    mode: "full",
    entries: manifest.files.map((file) => ({ file, from: null })),
    gone: [],
  };
  if (full || !previous) return rebuild;
  const changed = changedSettings(previous.settings, settings);
  if (changed.length > 0) {
    out.note(
      `settings that decide what is counted changed since the last run (${
        changed.join(", ")
      }); rebuilding the store from every present file`,
    );
    return rebuild;
  }
  const plan = await matchCheckpoints(manifest.files, stored, hasherOf);
  if (plan.rewritten.length > 0) {
    for (const { checkpoint, file } of plan.rewritten) {
      out.note(
        `${file.name}: truncated or rewritten since it was counted (${
          checkpoint.offset > file.size ? "shorter than counted" : "its first bytes changed"
        }); rebuilding the store from every present file`,
      );
    }
    return rebuild;
  }
  for (const { file, of } of plan.duplicates) {
    out.note(
      `${file.name}: starts with the counted bytes of ${of.name}, which is still there (a copy or compression in progress?); skipped while ${of.name} exists`,
    );
  }
  return { mode: "incremental", entries: plan.entries, gone: plan.gone };
}

/**
 * The config keys that decide what a scan counts, by name: an incremental run
 * adds to counts made under these, so a change means a rebuild.
 *
 * @example
 * ```ts
 * import { countingSettings } from "./parse.ts";
 * // countingSettings(config)["input.timezone"]; // "UTC"
 * ```
 */
export function countingSettings(config: Config): Record<string, string> {
  const settings: Record<string, unknown> = {
    "input.timezone": config.input.timezone,
    "input.default_year": config.input.default_year,
    "input.max_record_bytes": config.input.max_record_bytes,
    "input.formats": config.input.formats,
    "input.level_keywords": config.input.level_keywords,
    "analytics.error_levels": [...config.analytics.error_levels].sort(),
    "analytics.error_types": config.analytics.error_types,
  };
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [key, JSON.stringify(value)]),
  );
}

function changedSettings(
  before: Record<string, string> | undefined,
  now: Record<string, string>,
): string[] {
  // A store written before settings were recorded: treat as changed, rebuild once.
  if (before === undefined) return ["(not recorded)"];
  return Object.keys(now).filter((key) => before[key] !== now[key]);
}

async function readManifest(config: Config): Promise<Manifest> {
  const manifestPath = join(config.output.state_dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await Deno.readTextFile(manifestPath));
  } catch {
    throw new MissingInputError(
      `no ingest manifest at ${manifestPath}; run \`deno task ingest\` first`,
    );
  }
  if (manifest.files.length === 0) {
    throw new NoInputError(
      "the ingest manifest lists no readable input file; run `deno task ingest` after adding input",
    );
  }
  return manifest;
}

async function fingerprintOf(hasher: PrefixHasher): Promise<Fingerprint> {
  const headLength = Math.min(HEAD_BYTES, await hasher.available());
  return { headLength, headHash: (await hasher.hash(headLength)) ?? "" };
}

function reportFiles(
  scans: readonly FileScan[],
  entries: readonly ResumeEntry[],
  gone: readonly Checkpoint[],
  out: StageConsole,
): void {
  for (const { file, from } of entries) {
    if (from && from.name !== file.name) out.note(`${file.name}: continues ${from.name} (rotated)`);
  }
  for (const scan of scans) {
    if (scan.problem) out.note(`${scan.file.name}: ${scan.problem}`);
    if (scan.pendingBytes > 0) {
      out.note(
        `${scan.file.name}: last line has no line feed yet (${scan.pendingBytes} bytes); left for the next run`,
      );
    }
  }
  for (const c of gone) {
    if (c.status !== "gone") out.note(`${c.name}: no longer present; its counts are kept`);
  }
}

/**
 * How a scan ran, for people: `2 worker(s)`, or the calling thread for small work.
 *
 * @example
 * ```ts
 * import { threadsText } from "./parse.ts";
 * threadsText(0); // "the main thread (small input)"
 * ```
 */
export function threadsText(workers: number): string {
  return workers === 0 ? "the main thread (small input)" : `${workers} worker(s)`;
}
