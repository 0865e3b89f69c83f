/**
 * Test helper: a partition scanned with the row kernel must give exactly what
 * the JavaScript scanner and fold give (the reference), down to the order of
 * every array in the partial aggregate.
 */

import assert from "node:assert/strict";
import type { ScanResult, ScanSettings } from "../../lib/engine/partition_scan.ts";
import { scanPartition } from "../../lib/engine/partition_scan.ts";
import { Level } from "../../lib/model/level.ts";
import type { TimestampContext } from "../../lib/time/timestamp.ts";
import { createZone } from "../../lib/time/zone.ts";
import { wholeFileJob } from "../engine/whole_file_job.ts";

const UTC = { zone: createZone("UTC"), defaultYear: 2024 };

function settings(rowKernel: boolean, maxRecordBytes = 1 << 20): ScanSettings {
  return {
    timezone: "UTC",
    maxRecordBytes,
    errorLevels: [Level.ERROR, Level.CRITICAL],
    rules: [{ name: "Timeout", pattern: "timed out", flags: "i" }],
    rowKernel,
  };
}

/** Scans `path` with and without the kernel and asserts the results are the same. */
export async function assertKernelMatches(
  path: string,
  maxRecordBytes = 1 << 20,
  time: TimestampContext = UTC,
): Promise<ScanResult> {
  const job = await wholeFileJob(path, maxRecordBytes);
  const reference = await scanPartition(job, settings(false, maxRecordBytes), time);
  const kernel = await scanPartition(job, settings(true, maxRecordBytes), time);
  const { partial: kernelPartial, ...kernelRest } = kernel;
  const { partial: referencePartial, ...referenceRest } = reference;
  assert.deepEqual(kernelRest, referenceRest);
  assertSameJson(kernelPartial, referencePartial);
  return kernel;
}

/**
 * Deep strict equality that reports the first differing line of the two
 * values as JSON (NaN, ±Infinity and -0 spelled out) before assert's own
 * check: its diff of two large partials (tens of thousands of cells) takes
 * minutes to print.
 */
function assertSameJson(actual: unknown, expected: unknown): void {
  const exact = (_key: string, value: unknown) =>
    typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))
      ? `number ${Object.is(value, -0) ? "-0" : value}`
      : value;
  const a = JSON.stringify(actual, exact, 1).split("\n");
  const e = JSON.stringify(expected, exact, 1).split("\n");
  const line = a.findIndex((text, i) => text !== e[i]);
  if (line >= 0 || a.length !== e.length) {
    const at = line < 0 ? Math.min(a.length, e.length) : line;
    assert.fail(`partials differ at line ${at}: ${a[at]} (kernel) vs ${e[at]} (reference)`);
  }
  assert.deepEqual(actual, expected);
}
