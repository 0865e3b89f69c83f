/**
 * Matching this run's input files to the stored checkpoints: which files are
 * known (and where to resume), which are new, which vanished, and which were
 * rewritten in place.
 *
 * - Same device+inode (or path, where there are no inodes) and the same first
 *   bytes: the same file, renamed or not
 *   (`app.csv` rotated to `app.csv.1`): resume at its offset.
 * - Otherwise the same first bytes as a checkpoint no other file took: the
 *   same data under a new identity (`app.csv.1.gz` compressed by logrotate, a
 *   copy made by `copytruncate`, a move across file systems): resume too.
 * - Same inode but different first bytes, or shorter than counted: rewritten
 *   or truncated in place. Its old counts must go; the caller rebuilds.
 * - A new file with the first bytes of a checkpoint whose file is still there:
 *   a copy or compression in progress; skipped until the original is gone.
 * - A checkpoint whose file is nowhere: gone (rotated away); its counts stay.
 *
 * @module
 */

import type { InputFile } from "../input/manifest.ts";
import type { Checkpoint } from "./checkpoint.ts";

/** Reads fingerprints of a file's prefixes (see `PrefixHasher`). */
export interface PrefixFingerprints {
  hash(length: number): Promise<string | null>;
}

/** One input file and the checkpoint it continues, if any. */
export interface ResumeEntry {
  file: InputFile;
  from: Checkpoint | null;
}

/** The outcome of {@linkcode matchCheckpoints}. */
export interface ResumePlan {
  /** Every input file to read, in input order. */
  entries: ResumeEntry[];
  /**
   * New files starting with the counted bytes of a file that is still there:
   * a copy or compression in progress (`copytruncate`, logrotate's `compress`).
   * Skipped while the original exists; once it is gone the copy takes over its
   * checkpoint.
   */
  duplicates: { file: InputFile; of: Checkpoint }[];
  /** Checkpoints whose file vanished: their counts are kept. */
  gone: Checkpoint[];
  /** Checkpoints whose file was truncated or rewritten in place, with the file now there. */
  rewritten: { checkpoint: Checkpoint; file: InputFile }[];
}

/**
 * Matches input files to checkpoints.
 *
 * @example
 * ```ts
 * import { matchCheckpoints } from "./resume.ts";
 * // const plan = await matchCheckpoints(manifest.files, checkpoints, (file) => new PrefixHasher(file.path, file.gzip));
 * ```
 */
export async function matchCheckpoints(
  files: readonly InputFile[],
  checkpoints: readonly Checkpoint[],
  fingerprintsOf: (file: InputFile) => PrefixFingerprints,
): Promise<ResumePlan> {
  const known = checkpoints.filter((c) => c.status !== "refused");
  // Device and inode where the platform has them, else the path.
  const identity = (x: { dev: number | null; ino: number | null; path: string }) =>
    x.ino === null ? `path:${x.path}` : `${x.dev}:${x.ino}`;
  const byIdentity = new Map<string, Checkpoint>();
  for (const c of known) byIdentity.set(identity(c), c);
  const fingerprints = new Map<InputFile, PrefixFingerprints>();
  const sameData = async (file: InputFile, c: Checkpoint): Promise<boolean> => {
    if (file.gzip !== c.gzip && !file.gzip) return false; // a plain file never continues a .gz
    if (!file.gzip && file.size < c.offset) return false;
    if (c.headLength === 0) return true;
    let fingerprint = fingerprints.get(file);
    if (!fingerprint) fingerprints.set(file, fingerprint = fingerprintsOf(file));
    return await fingerprint.hash(c.headLength) === c.headHash;
  };

  const claimed = new Set<Checkpoint>();
  const displaced = new Map<Checkpoint, InputFile>();
  const entries: ResumeEntry[] = files.map((file) => ({ file, from: null }));

  for (const entry of entries) {
    const { file } = entry;
    const c = byIdentity.get(identity(file));
    if (!c || claimed.has(c)) continue;
    if (await sameData(file, c)) {
      entry.from = c;
      claimed.add(c);
    } else if (c.status !== "gone") displaced.set(c, file);
  }

  for (const entry of entries) {
    if (entry.from) continue;
    for (const c of known) {
      // Only a fingerprint that covers counted data identifies it: two files that
      // hold nothing but the same header are not the same data.
      if (claimed.has(c) || c.records + c.blankLines === 0 || c.headLength === 0) continue;
      if (await sameData(entry.file, c)) {
        entry.from = c;
        claimed.add(c);
        break;
      }
    }
  }

  const duplicates: ResumePlan["duplicates"] = [];
  for (const entry of entries) {
    if (entry.from) continue;
    for (const c of claimed) {
      if (c.records + c.blankLines === 0 || c.headLength === 0) continue;
      let fingerprint = fingerprints.get(entry.file);
      if (!fingerprint) fingerprints.set(entry.file, fingerprint = fingerprintsOf(entry.file));
      if (await fingerprint.hash(c.headLength) === c.headHash) {
        duplicates.push({ file: entry.file, of: c });
        break;
      }
    }
  }
  const skipped = new Set(duplicates.map((d) => d.file));

  const gone: Checkpoint[] = [];
  const rewritten: ResumePlan["rewritten"] = [];
  for (const c of known) {
    if (claimed.has(c)) continue;
    const file = displaced.get(c);
    if (file) rewritten.push({ checkpoint: c, file });
    else gone.push(c);
  }
  return { entries: entries.filter((e) => !skipped.has(e.file)), duplicates, gone, rewritten };
}
