/**
 * Splits input files into byte-range partitions for the worker pool.
 *
 * @module
 */

import type { InputFile } from "../input/manifest.ts";

/** A nominal byte range of one file. */
export interface Partition {
  /** Index into the manifest's files. */
  file: number;
  start: number;
  end: number;
  /** Whether `start` is a known record start (the first partition of a file). */
  exact: boolean;
}

/** Tail partitions are cut this much finer than the rest (see {@linkcode partitionFile}). */
const TAIL_DIVISOR = 4;
/** The smallest tail partition: below this a partition's fixed costs (a message each way, a partial to merge) show. */
const MIN_TAIL_BYTES = 4 << 20;

/**
 * Cuts a file's data bytes into ranges of about `partitionBytes`. A gzip file
 * is one partition: its stream cannot be entered mid-way.
 *
 * With `workers` > 1, the bytes of the last `workers` ranges are cut again
 * into quarter-size ranges (at least 4 MiB): the pool hands partitions out in
 * order, and a full-size partition taken last keeps one worker busy while
 * the others idle (on 2 cores, up to ~90 ms of a 1.8 s run was seen lost so).
 * A file of fewer ranges than workers is cut in quarters whole, so even a
 * file of one partition gives every worker work.
 *
 * @example
 * ```ts
 * import { partitionFile } from "./plan.ts";
 * const file = { gzip: false, dataStart: 10, size: 100 } as Parameters<typeof partitionFile>[0];
 * partitionFile(file, 0, 40).map((p) => [p.start, p.end]); // [[10, 50], [50, 90], [90, 100]]
 * const big = { gzip: false, dataStart: 0, size: 64 << 20 } as Parameters<typeof partitionFile>[0];
 * partitionFile(big, 0, 32 << 20, 2).length; // 8: the last 64 MiB in 8 MiB ranges
 * ```
 */
export function partitionFile(
  file: Pick<InputFile, "gzip" | "dataStart" | "size">,
  index: number,
  partitionBytes: number,
  workers = 1,
): Partition[] {
  if (file.gzip) return [{ file: index, start: file.dataStart, end: Infinity, exact: true }];
  const step = Math.max(1, Math.floor(partitionBytes));
  const tailStep = Math.max(Math.min(step, MIN_TAIL_BYTES), Math.floor(step / TAIL_DIVISOR));
  // The tail is the last `workers` ranges of the plain cut, the short last one among them.
  const plain = Math.ceil((file.size - file.dataStart) / step);
  const tailStart = file.dataStart + step * Math.max(0, plain - Math.max(1, workers));
  const partitions: Partition[] = [];
  for (let start = file.dataStart; start < file.size || partitions.length === 0;) {
    const end = Math.min(start + (start < tailStart || workers <= 1 ? step : tailStep), file.size);
    partitions.push({ file: index, start, end, exact: start === file.dataStart });
    if (end <= start) break;
    start = end;
  }
  return partitions;
}
