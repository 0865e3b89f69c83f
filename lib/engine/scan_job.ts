/**
 * Scans one job with the scanner its file's format needs: the CSV scanner,
 * or the line scanner with the file's line format (compiled once per
 * thread and reused for every partition).
 *
 * @module
 */

import { compileLineFormat } from "../formats/spec.ts";
import type { CompiledLineFormat } from "../formats/spec.ts";
import type { TimestampContext } from "../time/timestamp.ts";
import { scanLinePartition } from "./line_partition_scan.ts";
import { scanPartition } from "./partition_scan.ts";
import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";

const compiled = new Map<string, CompiledLineFormat>();

/**
 * Scans a job.
 *
 * @example
 * ```ts
 * import { scanJob } from "./scan_job.ts";
 * // const result = await scanJob(job, settings, { zone, defaultYear: job.defaultYear });
 * ```
 */
export function scanJob(
  job: ScanJob,
  settings: ScanSettings,
  time: TimestampContext,
): Promise<ScanResult> {
  if (job.format === null) return scanPartition(job, settings, time);
  const key = JSON.stringify(job.format);
  let format = compiled.get(key);
  if (!format) compiled.set(key, format = compileLineFormat(job.format));
  return scanLinePartition(job, format, settings, time);
}
