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

/**
 * Cuts a file's data bytes into ranges of about `partitionBytes`. A gzip file
 * is one partition: its stream cannot be entered mid-way.
 *
 * @example
 * ```ts
 * import { partitionFile } from "./plan.ts";
 * const file = { gzip: false, dataStart: 10, size: 100 } as Parameters<typeof partitionFile>[0];
 * partitionFile(file, 0, 40).map((p) => [p.start, p.end]); // [[10, 50], [50, 90], [90, 100]]
 * ```
 */
export function partitionFile(
  file: Pick<InputFile, "gzip" | "dataStart" | "size">,
  index: number,
  partitionBytes: number,
): Partition[] {
  if (file.gzip) return [{ file: index, start: file.dataStart, end: Infinity, exact: true }];
  const step = Math.max(1, Math.floor(partitionBytes));
  const partitions: Partition[] = [];
  for (let start = file.dataStart; start < file.size || partitions.length === 0; start += step) {
    partitions.push({
      file: index,
      start,
      end: Math.min(start + step, file.size),
      exact: start === file.dataStart,
    });
  }
  return partitions;
}
