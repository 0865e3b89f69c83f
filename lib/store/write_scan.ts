/**
 * Writes a parse run (the merged cube, examples, checkpoints and rejected
 * rows) into the store in one transaction.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { DIMENSIONS } from "../aggregate/partial.ts";
import type { ScanRun } from "../engine/run_scan.ts";
import { writeCheckpoints } from "../incremental/checkpoint.ts";
import type { Checkpoint } from "../incremental/checkpoint.ts";
import type { Manifest } from "../input/manifest.ts";
import type { PathProblem } from "../input/discover.ts";
import type { RefusedFile } from "../input/manifest.ts";
import { LEVEL_COUNT, LEVEL_NAMES } from "../model/level.ts";
import { writeCube } from "./cube.ts";
import { writeMinuteSeries } from "./minute_series.ts";
import type { RejectedSpool } from "./rejected_spool.ts";
import { getMeta, setMeta, transaction } from "./open.ts";
import { HOURLY_TABLES, WHOLE_TABLES } from "./schema.ts";

/**
 * Store `meta` key of the rejected rows' generation: bumped whenever a run
 * deletes or renames rows, so a `rejected.csv` written before no longer
 * matches the table (rows only added keep the generation).
 */
export const REJECTED_GENERATION = "rejected_generation";

/** The parse stage's marker in `meta`: what the later stages build on. */
export interface ParseRun {
  runId: number;
  finishedAt: string;
  manifestCreatedAt: string;
  /** `full`: everything scanned from scratch; `incremental`: new bytes added to the store. */
  mode: "full" | "incremental";
  errorLevels: string[];
  workers: number;
  seconds: number;
  /** Bytes and records scanned by this run, and how many records it rejected. */
  bytes: number;
  records: number;
  rejected: number;
  /** Bytes of unterminated last lines left for the next run, over all files. */
  pendingBytes: number;
  partitions: number;
  rescanned: number;
  /** The config values that decided what was counted (see `countingSettings`). */
  settings: Record<string, string>;
  /** Earliest and latest accepted timestamp (null when no row was accepted). */
  minTs: number | null;
  maxTs: number | null;
  refused: RefusedFile[];
  missing: PathProblem[];
}

/** What a parse run commits. */
export interface ScanCommit {
  run: ScanRun;
  manifest: Manifest;
  mode: ParseRun["mode"];
  /** Every file's checkpoint after this run (they replace the stored ones). */
  checkpoints: readonly Checkpoint[];
  /** Files whose display name changed (renamed by rotation): their rejected rows follow. */
  renamed: readonly { from: string; to: string }[];
  errorLevels: string[];
  workers: number;
  settings: Record<string, string>;
  /** The run's rejected rows, spooled outside the heap (flushed). */
  rejected: RejectedSpool;
}

/**
 * Commits a parse run in one transaction: the aggregate, the checkpoints and
 * the rejected rows. When incremental, the aggregate holds every key but the
 * cells of the touched hours only (merged with what the store had for them);
 * other hours stay as stored. A crash before the commit leaves the previous
 * state whole.
 *
 * @example
 * ```ts
 * import { writeScan } from "./write_scan.ts";
 * // const parseRun = writeScan(db, { run, manifest, mode: "full", checkpoints, renamed: [], errorLevels, workers: 2 });
 * ```
 */
export function writeScan(db: DatabaseSync, commit: ScanCommit): ParseRun {
  const { run, manifest } = commit;
  return transaction(db, () => {
    const aggregate = run.aggregate;
    for (const table of WHOLE_TABLES) db.exec(`DELETE FROM ${table}`);
    if (commit.mode === "full") {
      for (const table of HOURLY_TABLES) db.exec(`DELETE FROM ${table}`);
    } else {
      // The aggregate holds whole hours: the ones this run touched, merged with the store's.
      const drop = db.prepare("DELETE FROM hour_levels WHERE hour = ?");
      for (const hour of aggregate.hours) drop.run(hour);
    }
    writeCheckpoints(db, commit.checkpoints);

    const levelInsert = db.prepare("INSERT INTO hour_levels (hour, level, count) VALUES (?, ?, ?)");
    aggregate.hours.forEach((hour, h) => {
      for (let level = 0; level < LEVEL_COUNT; level++) {
        const count = aggregate.levelCounts[h * LEVEL_COUNT + level];
        if (count > 0) levelInsert.run(hour, LEVEL_NAMES[level], count);
      }
    });

    const keyInsert = db.prepare(
      "INSERT INTO dim_keys (dim, id, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
    );
    aggregate.dims.forEach((dim, d) => {
      const name = DIMENSIONS[d];
      dim.keys.forEach((key, id) => keyInsert.run(name, id, key, dim.first[id], dim.last[id]));
      const { hour, level, key, service, count } = dim.cells;
      const hours = new Int32Array(hour.length);
      for (let c = 0; c < hour.length; c++) hours[c] = aggregate.hours[hour[c]];
      writeCube(db, name, { hour: hours, level, service, key, count });
    });
    if (!Number.isNaN(aggregate.maxTs)) {
      writeMinuteSeries(db, aggregate.minutes, Math.floor(aggregate.maxTs / 60_000));
    }

    const templateInsert = db.prepare("INSERT INTO templates (id, template) VALUES (?, ?)");
    aggregate.templates.forEach((template, id) => templateInsert.run(id, template));
    const pairInsert = db.prepare(
      "INSERT INTO error_pairs (type_id, template_id, count, first_seen, last_seen, example, example_ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const pairs = aggregate.pairs;
    for (let i = 0; i < pairs.count.length; i++) {
      pairInsert.run(
        pairs.type[i],
        pairs.template[i],
        pairs.count[i],
        pairs.first[i],
        pairs.last[i],
        pairs.example[i],
        pairs.exampleTs[i],
      );
    }
    const recentInsert = db.prepare(
      "INSERT INTO pair_recent (type_id, template_id, rank, ts, message) VALUES (?, ?, ?, ?, ?)",
    );
    pairs.recent.forEach((examples, i) =>
      examples.forEach((example, rank) =>
        recentInsert.run(pairs.type[i], pairs.template[i], rank, example.ts, example.message)
      )
    );
    const exampleInsert = db.prepare(
      "INSERT INTO type_examples (type_id, rank, ts, message) VALUES (?, ?, ?, ?)",
    );
    aggregate.typeExamples.forEach((examples, type) =>
      examples.forEach((example, rank) =>
        exampleInsert.run(type, rank, example.ts, example.message)
      )
    );

    // Deleted or renamed rows: an exported rejected.csv no longer matches the table.
    if (commit.mode === "full" || commit.renamed.length > 0) {
      setMeta(db, REJECTED_GENERATION, (getMeta<number>(db, REJECTED_GENERATION) ?? 0) + 1);
    }
    if (commit.mode === "full") {
      // The run's rows are all there is: the spool becomes the table, no copy.
      commit.rejected.replaceInto();
    } else {
      // Two steps, so a chain of renames in one run (.1 → .2 while app → .1) cannot merge names.
      const rename = db.prepare("UPDATE rejected SET file = ? WHERE file = ?");
      commit.renamed.forEach(({ from }, i) => rename.run(`\u0000${i}`, from));
      commit.renamed.forEach(({ to }, i) => rename.run(to, `\u0000${i}`));
      const { next } = db.prepare("SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM rejected")
        .get() as { next: number };
      commit.rejected.appendInto(next);
    }

    const previous = getMeta<ParseRun>(db, "parse_run");
    const parseRun: ParseRun = {
      runId: (previous?.runId ?? 0) + 1,
      finishedAt: new Date().toISOString(),
      manifestCreatedAt: manifest.createdAt,
      mode: commit.mode,
      errorLevels: commit.errorLevels,
      workers: commit.workers,
      settings: commit.settings,
      seconds: run.seconds,
      bytes: run.bytes,
      records: run.files.reduce((sum, file) => sum + file.records, 0),
      rejected: commit.rejected.count,
      pendingBytes: commit.checkpoints.reduce((sum, c) => sum + c.pendingBytes, 0),
      partitions: run.partitions,
      rescanned: run.rescanned,
      minTs: Number.isNaN(aggregate.minTs) ? null : aggregate.minTs,
      maxTs: Number.isNaN(aggregate.maxTs) ? null : aggregate.maxTs,
      refused: manifest.refused,
      missing: manifest.missing,
    };
    setMeta(db, "parse_run", parseRun);
    return parseRun;
  });
}
