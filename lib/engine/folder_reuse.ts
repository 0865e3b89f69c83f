/**
 * One row folder per thread, reused partition after partition (see
 * {@linkcode takeRowFolder}).
 *
 * @module
 */

import { RowFolder } from "./row_folder.ts";
import type { FoldSettings } from "./row_folder.ts";

/** The folder of this thread's last partition, kept for its next one. */
let spareFolder: RowFolder | undefined;

/**
 * A folder for a new partition: this thread's spare one, reset, when it was
 * made with the same settings, else a new one. A worker folds partition after
 * partition; reusing one folder keeps the objects, maps and arrays its
 * optimized code was compiled for, where a new folder per partition made V8
 * deoptimize the fold ("wrong map") and compile it again in the next
 * partitions.
 *
 * @example
 * ```ts
 * import { keepRowFolder, takeRowFolder } from "./folder_reuse.ts";
 * const settings = { errorLevels: [3, 4], rules: [] };
 * const folder = takeRowFolder(settings);
 * // … fold a partition, folder.finish() …
 * keepRowFolder(folder);
 * takeRowFolder(settings) === folder; // true: reset and reused
 * ```
 */
export function takeRowFolder(settings: FoldSettings): RowFolder {
  const folder = spareFolder;
  if (folder === undefined || folder.settings !== settings) return new RowFolder(settings);
  spareFolder = undefined;
  folder.reset();
  return folder;
}

/** Keeps a folder whose partition is finished for {@linkcode takeRowFolder}. */
export function keepRowFolder(folder: RowFolder): void {
  spareFolder = folder;
}
