/**
 * Runs one worker-pool scan of the CSV file named by the first argument, in
 * partitions of the second argument's MiB: a child process for tests that
 * read V8's traces (run it with `--v8-flags=--trace-deopt`).
 *
 * @module
 */

import { runScan, wholeFile } from "../../lib/engine/run_scan.ts";
import { buildManifest } from "../../lib/input/manifest.ts";
import { Level } from "../../lib/model/level.ts";

const [path, partitionMb] = Deno.args;
const manifest = await buildManifest({ paths: [path], defaultYear: 2024, maxRecordBytes: 1 << 20 });
const run = await runScan(manifest.files.map((file) => wholeFile(file)), {
  workers: 1,
  partitionBytes: Number(partitionMb) * 1024 * 1024,
  inlineBytes: 0,
  settings: {
    timezone: "UTC",
    maxRecordBytes: 1 << 20,
    errorLevels: [Level.ERROR, Level.CRITICAL],
    rules: [],
  },
  onRejected: () => {},
});
console.log(`scanned ${run.files[0].records} records in ${run.partitions} partitions`);
