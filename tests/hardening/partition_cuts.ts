/**
 * Scanning a file cut into partitions at given offsets, through the real
 * partition scanners (CSV or line format, by the file's format) and the chain
 * that checks partition boundaries: the shared core of the partition
 * property tests.
 */

import assert from "node:assert/strict";
import { AggregateMerger } from "../../lib/aggregate/merge.ts";
import type { ScanJob, ScanSettings } from "../../lib/engine/partition_scan.ts";
import { scanFileChain, wholeFile } from "../../lib/engine/run_scan.ts";
import type { RejectedRow } from "../../lib/engine/run_scan.ts";
import { scanJob } from "../../lib/engine/scan_job.ts";
import type { InputFile } from "../../lib/input/manifest.ts";
import type { TimestampContext } from "../../lib/time/timestamp.ts";
import { canonical } from "../aggregate/canonical.ts";

function jobOf(file: InputFile, start: number, end: number, exact: boolean): ScanJob {
  return {
    path: file.path,
    gzip: file.gzip,
    size: file.size,
    start,
    end,
    exact,
    holdTail: false,
    columns: file.columns,
    format: file.format,
    defaultYear: file.defaultYear,
  };
}

/** Scans `file` cut at `cuts` (file offsets); asserts every record is accepted or rejected. */
export async function scanWithCuts(
  file: InputFile,
  cuts: number[],
  settings: ScanSettings,
  time: TimestampContext,
) {
  const edges = [...new Set(cuts.filter((c) => c > file.dataStart && c < file.size))].sort((a, b) =>
    a - b
  );
  const bounds = [file.dataStart, ...edges, file.size];
  const planned = bounds.slice(0, -1).map((start, i) => ({
    partition: { file: 0, start, end: bounds[i + 1], exact: i === 0 },
    result: scanJob(jobOf(file, start, bounds[i + 1], i === 0), settings, time),
  }));
  const merger = new AggregateMerger();
  const rejectedRows: RejectedRow[] = [];
  const outcome = await scanFileChain(
    wholeFile(file),
    planned,
    (start, end) => scanJob(jobOf(file, start, end, true), settings, time),
    merger,
    (row) => rejectedRows.push(row),
  );
  const { records, accepted, rejected, blankLines } = outcome.scan;
  assert.equal(accepted + rejected, records, "every record is accepted or rejected");
  return {
    counts: { records, accepted, rejected, blankLines },
    rejected: rejectedRows.map((r) => `${r.line}:${r.reason}:${r.raw}`),
    aggregate: canonical(merger.result()),
  };
}
