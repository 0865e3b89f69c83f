/**
 * Per-file checkpoints: how far each input file has been counted. They live in
 * the store's `files` table and commit in the same transaction as the counts,
 * so a run killed at any moment neither double-counts nor skips.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";

/** How a file stands after the last run. */
export type FileStatus =
  /** Read to its checkpoint without trouble. */
  | "ok"
  /** A read failed part-way; what was read is counted. */
  | "partial"
  /** Not parsed (no header, missing columns…). */
  | "refused"
  /** No longer present; its counts are kept (log rotation deletes old files). */
  | "gone";

/** One file's checkpoint. */
export interface Checkpoint {
  path: string;
  name: string;
  gzip: boolean;
  dev: number | null;
  ino: number | null;
  /** Size (compressed for gzip) and modification time when last read. */
  size: number;
  mtimeMs: number;
  /** Bytes the fingerprint covers, and the fingerprint (see `fingerprint.ts`). */
  headLength: number;
  headHash: string;
  /** Where the next run resumes: past the last counted record (decompressed for gzip). */
  offset: number;
  /** Line feeds before `offset`. */
  lines: number;
  records: number;
  accepted: number;
  rejected: number;
  blankLines: number;
  /** Bytes of an unterminated last record held back for the next run. */
  pendingBytes: number;
  status: FileStatus;
  problem: string | null;
}

interface CheckpointRow {
  path: string;
  name: string;
  gzip: number;
  dev: number | null;
  ino: number | null;
  size: number;
  mtime_ms: number;
  head_length: number;
  head_hash: string;
  offset: number;
  lines: number;
  records: number;
  accepted: number;
  rejected: number;
  blank_lines: number;
  pending_bytes: number;
  status: FileStatus;
  problem: string | null;
}

/**
 * Reads every checkpoint of the store.
 *
 * @example
 * ```ts
 * import { readCheckpoints } from "./checkpoint.ts";
 * // const checkpoints = readCheckpoints(db);
 * ```
 */
export function readCheckpoints(db: DatabaseSync): Checkpoint[] {
  const rows = db.prepare("SELECT * FROM files ORDER BY path").all() as unknown as CheckpointRow[];
  return rows.map((row) => ({
    path: row.path,
    name: row.name,
    gzip: row.gzip === 1,
    dev: row.dev,
    ino: row.ino,
    size: row.size,
    mtimeMs: row.mtime_ms,
    headLength: row.head_length,
    headHash: row.head_hash,
    offset: row.offset,
    lines: row.lines,
    records: row.records,
    accepted: row.accepted,
    rejected: row.rejected,
    blankLines: row.blank_lines,
    pendingBytes: row.pending_bytes,
    status: row.status,
    problem: row.problem,
  }));
}

/**
 * Replaces every checkpoint of the store (inside the caller's transaction).
 *
 * @example
 * ```ts
 * import { writeCheckpoints } from "./checkpoint.ts";
 * // writeCheckpoints(db, checkpoints);
 * ```
 */
export function writeCheckpoints(db: DatabaseSync, checkpoints: readonly Checkpoint[]): void {
  db.exec("DELETE FROM files");
  const insert = db.prepare(
    `INSERT INTO files (path, name, gzip, dev, ino, size, mtime_ms, head_length, head_hash, offset,
       lines, records, accepted, rejected, blank_lines, pending_bytes, status, problem)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of checkpoints) {
    insert.run(
      c.path,
      c.name,
      c.gzip ? 1 : 0,
      c.dev,
      c.ino,
      c.size,
      c.mtimeMs,
      c.headLength,
      c.headHash,
      c.offset,
      c.lines,
      c.records,
      c.accepted,
      c.rejected,
      c.blankLines,
      c.pendingBytes,
      c.status,
      c.problem,
    );
  }
}
