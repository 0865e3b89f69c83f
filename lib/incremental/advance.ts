/**
 * A file's checkpoint after a run: the one it continued, moved to its current
 * identity and advanced by what this run scanned.
 *
 * @module
 */

import type { FileScan } from "../engine/run_scan.ts";
import type { InputFile, RefusedFile } from "../input/manifest.ts";
import type { Checkpoint } from "./checkpoint.ts";

/** A fingerprint of a file's first bytes. */
export interface Fingerprint {
  headLength: number;
  headHash: string;
}

/**
 * The checkpoint of `file` after this run. `from` is the checkpoint it
 * continued (null for a new file); `scan` what this run read of it (null when
 * nothing was new).
 *
 * @example
 * ```ts
 * import { advanceCheckpoint } from "./advance.ts";
 * // const next = advanceCheckpoint(file, from, scan, { headLength: 4096, headHash });
 * ```
 */
export function advanceCheckpoint(
  file: InputFile,
  from: Checkpoint | null,
  scan: FileScan | null,
  fingerprint: Fingerprint,
): Checkpoint {
  const base = from ?? {
    offset: file.dataStart,
    lines: file.headerNewlines,
    records: 0,
    accepted: 0,
    rejected: 0,
    blankLines: 0,
    pendingBytes: 0,
    status: "ok" as const,
    problem: null,
  };
  return {
    path: file.path,
    name: file.name,
    gzip: file.gzip,
    dev: file.dev,
    ino: file.ino,
    size: file.size,
    mtimeMs: file.mtimeMs,
    headLength: fingerprint.headLength,
    headHash: fingerprint.headHash,
    offset: scan ? scan.end : base.offset,
    lines: scan ? scan.lines : base.lines,
    records: base.records + (scan?.records ?? 0),
    accepted: base.accepted + (scan?.accepted ?? 0),
    rejected: base.rejected + (scan?.rejected ?? 0),
    blankLines: base.blankLines + (scan?.blankLines ?? 0),
    pendingBytes: scan ? scan.pendingBytes : base.pendingBytes,
    status: scan ? (scan.problem ? "partial" : "ok") : base.status,
    problem: scan ? scan.problem ?? null : base.problem,
  };
}

/**
 * The checkpoint row of a refused file (nothing counted; the reason kept).
 *
 * @example
 * ```ts
 * import { refusedCheckpoint } from "./advance.ts";
 * refusedCheckpoint({ path: "/x.csv", name: "x.csv", problem: "empty file" }).status; // "refused"
 * ```
 */
export function refusedCheckpoint(refused: RefusedFile): Checkpoint {
  return {
    path: refused.path,
    name: refused.name,
    gzip: /\.gz$/i.test(refused.path),
    dev: null,
    ino: null,
    size: 0,
    mtimeMs: 0,
    headLength: 0,
    headHash: "",
    offset: 0,
    lines: 0,
    records: 0,
    accepted: 0,
    rejected: 0,
    blankLines: 0,
    pendingBytes: 0,
    status: "refused",
    problem: refused.problem,
  };
}

/**
 * Whether a continued file has bytes this run has not counted. A gzip file
 * cannot be sized without decompressing it, so it is read again only when its
 * compressed size or time changed (or its last read failed).
 *
 * @example
 * ```ts
 * import { hasNewBytes } from "./advance.ts";
 * // if (hasNewBytes(file, checkpoint)) targets.push(...);
 * ```
 */
export function hasNewBytes(file: InputFile, from: Checkpoint): boolean {
  if (file.gzip) {
    return !from.gzip || file.size !== from.size || file.mtimeMs !== from.mtimeMs ||
      from.status !== "ok";
  }
  return file.size > from.offset;
}
