/**
 * Test helper: the scan job for the whole of one CSV file, as a single
 * partition from its first data byte (ingested the way the pipeline does).
 */

import assert from "node:assert/strict";
import type { ScanJob } from "../../lib/engine/partition_scan.ts";
import { buildManifest } from "../../lib/input/manifest.ts";

/** A job scanning all of `path` in one partition (timestamps without a year: 2024). */
export async function wholeFileJob(path: string, maxRecordBytes = 1 << 20): Promise<ScanJob> {
  const { files } = await buildManifest({ paths: [path], defaultYear: 2024, maxRecordBytes });
  const file = files[0];
  assert.ok(file, `${path} is ingested`);
  return {
    path: file.path,
    gzip: false,
    size: file.size,
    start: file.dataStart,
    exact: true,
    end: file.size,
    holdTail: false,
    columns: file.columns,
    format: null,
    defaultYear: 2024,
  };
}
