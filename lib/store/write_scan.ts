/**
 * Writes a parse run (the merged cube, examples, per-file counts and rejected
 * rows) into the store in one transaction, replacing the previous run's data.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { DIMENSIONS } from "../aggregate/partial.ts";
import type { ScanRun } from "../engine/run_scan.ts";
import type { Manifest } from "../input/manifest.ts";
import type { PathProblem } from "../input/discover.ts";
import type { RefusedFile } from "../input/manifest.ts";
import { LEVEL_COUNT, LEVEL_NAMES } from "../model/level.ts";
import { writeCube } from "./cube.ts";
import { getMeta, setMeta, transaction } from "./open.ts";
import { RUN_TABLES } from "./schema.ts";

/** The parse stage's marker in `meta`: what the later stages build on. */
export interface ParseRun {
  runId: number;
  finishedAt: string;
  manifestCreatedAt: string;
  errorLevels: string[];
  workers: number;
  seconds: number;
  bytes: number;
  partitions: number;
  rescanned: number;
  /** Earliest and latest accepted timestamp (null when no row was accepted). */
  minTs: number | null;
  maxTs: number | null;
  refused: RefusedFile[];
  missing: PathProblem[];
}

/**
 * Replaces the store's run data with `run`.
 *
 * @example
 * ```ts
 * import { writeScan } from "./write_scan.ts";
 * // const parseRun = writeScan(db, run, manifest, { errorLevels: ["ERROR", "CRITICAL"], workers: 2 });
 * ```
 */
export function writeScan(
  db: DatabaseSync,
  run: ScanRun,
  manifest: Manifest,
  options: { errorLevels: string[]; workers: number },
): ParseRun {
  return transaction(db, () => {
    for (const table of RUN_TABLES) db.exec(`DELETE FROM ${table}`);
    const aggregate = run.aggregate;

    const fileInsert = db.prepare(
      "INSERT INTO files (path, name, size, mtime_ms, records, accepted, rejected, blank_lines, status, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const scan of run.files) {
      fileInsert.run(
        scan.file.path,
        scan.file.name,
        scan.file.size,
        scan.file.mtimeMs,
        scan.records,
        scan.accepted,
        scan.rejected,
        scan.blankLines,
        scan.problem ? "partial" : "ok",
        scan.problem ?? null,
      );
    }
    for (const refused of manifest.refused) {
      fileInsert.run(refused.path, refused.name, 0, 0, 0, 0, 0, 0, "refused", refused.problem);
    }

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
    const exampleInsert = db.prepare(
      "INSERT INTO type_examples (type_id, rank, ts, message) VALUES (?, ?, ?, ?)",
    );
    aggregate.typeExamples.forEach((examples, type) =>
      examples.forEach((example, rank) =>
        exampleInsert.run(type, rank, example.ts, example.message)
      )
    );

    const rejectInsert = db.prepare(
      "INSERT INTO rejected (seq, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)",
    );
    run.rejected.forEach((row, seq) =>
      rejectInsert.run(seq, row.file, row.line, row.reason, row.raw)
    );

    const previous = getMeta<ParseRun>(db, "parse_run");
    const parseRun: ParseRun = {
      runId: (previous?.runId ?? 0) + 1,
      finishedAt: new Date().toISOString(),
      manifestCreatedAt: manifest.createdAt,
      errorLevels: options.errorLevels,
      workers: options.workers,
      seconds: run.seconds,
      bytes: run.bytes,
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
