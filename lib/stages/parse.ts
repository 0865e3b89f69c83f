/**
 * The parse stage: scans the manifest's files on the worker pool into the
 * cube and writes it to the store.
 *
 * @module
 */

import { join } from "node:path";
import { MissingInputError, NoInputError } from "../cli/exit.ts";
import { resolveWorkers } from "../config/load.ts";
import type { Config } from "../config/schema.ts";
import { runScan } from "../engine/run_scan.ts";
import type { Manifest } from "../input/manifest.ts";
import { levelIndex } from "../model/level.ts";
import { openStore } from "../store/open.ts";
import { writeScan } from "../store/write_scan.ts";
import type { ParseRun } from "../store/write_scan.ts";
import type { StageConsole } from "./console.ts";
import { formatBytes, MANIFEST_FILE } from "./ingest.ts";

/**
 * Runs parse on the manifest written by ingest.
 *
 * @example
 * ```ts
 * import { runParse } from "./parse.ts";
 * // const parseRun = await runParse(config, createConsole());
 * ```
 */
export async function runParse(config: Config, out: StageConsole): Promise<ParseRun> {
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
  const workers = resolveWorkers(config);
  const run = await runScan(manifest, {
    workers,
    partitionBytes: config.engine.partition_mb * 1024 * 1024,
    settings: {
      timezone: config.input.timezone,
      maxRecordBytes: config.input.max_record_bytes,
      errorLevels: config.analytics.error_levels.map(levelIndex),
      rules: config.analytics.error_types,
    },
    onProgress: (done, total) => out.progress("parse", done, total),
  });
  out.endProgress();
  const storeBegan = performance.now();
  const db = openStore(config.output.state_dir, { create: true });
  try {
    const parseRun = writeScan(db, run, manifest, {
      errorLevels: [...config.analytics.error_levels],
      workers,
    });
    out.note(`store: written in ${((performance.now() - storeBegan) / 1000).toFixed(2)} s`);
    for (const scan of run.files) {
      if (scan.problem) out.note(`${scan.file.name}: ${scan.problem}`);
    }
    const records = run.files.reduce((sum, file) => sum + file.records, 0);
    out.note(
      `parse: ${records} records (${run.rejected.length} rejected) from ${
        formatBytes(run.bytes)
      } in ${run.seconds.toFixed(2)} s on ${workers} worker(s), ${
        (run.bytes / 1e6 / Math.max(run.seconds, 1e-9)).toFixed(0)
      } MB/s`,
    );
    return parseRun;
  } finally {
    db.close();
  }
}
