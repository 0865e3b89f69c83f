/**
 * Scans every file of a manifest on the worker pool and merges the results.
 *
 * Partitions after a file's first start at a guessed record start (the next
 * line start). A guess is right unless it lands inside a quoted field that
 * holds a line break. Each partition reports where its last record truly
 * ended; when that differs from the next partition's guessed start, the next
 * partition is scanned again from the true end. The first partition starts at
 * a known record start, so by induction every record is counted exactly once.
 *
 * @module
 */

import { AggregateBuilder } from "../aggregate/builder.ts";
import { AggregateMerger } from "../aggregate/merge.ts";
import type { PartialAggregate } from "../aggregate/partial.ts";
import type { InputFile } from "../input/manifest.ts";
import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";
import { partitionFile } from "./plan.ts";
import type { Partition } from "./plan.ts";
import { InlineScanner } from "./inline_scanner.ts";
import type { PartitionScanner } from "./inline_scanner.ts";
import { WorkerPool } from "./pool.ts";

const INLINE_BYTES = 16 << 20;

/** A rejected row with its absolute position. */
export interface RejectedRow {
  file: string;
  /** 1-based line number of the record's first line. */
  line: number;
  reason: string;
  raw: string;
}

/**
 * What to scan of one file: from `start` (a known record start) to its size.
 * A whole file starts at its first data byte; a file read before resumes at
 * its checkpoint.
 */
export interface ScanTarget {
  file: InputFile;
  /** First byte to scan (decompressed offset for gzip): a record start. */
  start: number;
  /** Line feeds before `start` (so rejected rows get absolute line numbers). */
  lineBase: number;
  /**
   * Leave an unterminated last record for the next run: the file may still be
   * being written, and half a line must never be counted.
   */
  holdTail: boolean;
}

/**
 * The target that scans a whole file.
 *
 * @example
 * ```ts
 * import { wholeFile } from "./run_scan.ts";
 * // const target = wholeFile(manifest.files[0]);
 * ```
 */
export function wholeFile(file: InputFile, holdTail = false): ScanTarget {
  return { file, start: file.dataStart, lineBase: file.headerNewlines, holdTail };
}

/** Per-file outcome of a scan. */
export interface FileScan {
  file: InputFile;
  /** Where this scan started and where the next one resumes (past the last counted record). */
  start: number;
  end: number;
  /** Line feeds before `end`, counted from the file's start. */
  lines: number;
  /** Bytes of an unterminated last record held for the next run. */
  pendingBytes: number;
  records: number;
  accepted: number;
  rejected: number;
  blankLines: number;
  /** A read failure that stopped the file early, if any. */
  problem?: string;
}

/** The merged outcome of scanning a manifest. */
export interface ScanRun {
  aggregate: PartialAggregate;
  files: FileScan[];
  /** Input bytes scanned (compressed size for gzip). */
  bytes: number;
  partitions: number;
  /** Partitions scanned again because their guessed start was inside a record. */
  rescanned: number;
  seconds: number;
  /** Workers used; 0 when the work was small enough to scan on the calling thread. */
  workers: number;
}

/** Options for {@linkcode runScan}. */
export interface RunScanOptions {
  /**
   * A pool kept by the caller across runs (follow mode: workers stay warm);
   * by default each run starts its own and stops it.
   */
  pool?: (settings: ScanSettings) => PartitionScanner;
  /**
   * Plain-file work up to this many bytes (and within one partition) is
   * scanned on the calling thread: starting workers costs more than scanning
   * it (default 16 MiB).
   */
  inlineBytes?: number;
  workers: number;
  partitionBytes: number;
  settings: ScanSettings;
  /** Called with bytes done and total as partitions finish. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Receives each rejected row as its partition is accepted; the run keeps
   * none, so memory stays bounded however many rows are bad.
   */
  onRejected: (row: RejectedRow) => void;
}

/**
 * Scans the targets (byte ranges of files) and merges their counts.
 *
 * @example
 * ```ts
 * import { runScan, wholeFile } from "./run_scan.ts";
 * // const run = await runScan(manifest.files.map((file) => wholeFile(file)), { workers: 2, partitionBytes: 16 << 20, settings, onRejected: (row) => rows.push(row) });
 * ```
 */
export async function runScan(
  targets: readonly ScanTarget[],
  options: RunScanOptions,
): Promise<ScanRun> {
  const started = performance.now();
  const total = targets.reduce(
    (sum, { file, start }) => sum + (file.gzip ? file.size : Math.max(0, file.size - start)),
    0,
  );
  const inline = total <= Math.min(options.inlineBytes ?? INLINE_BYTES, options.partitionBytes) &&
    targets.every(({ file }) => !file.gzip);
  const shared = inline ? undefined : options.pool?.(options.settings);
  const pool: PartitionScanner = inline
    ? new InlineScanner(options.settings)
    : shared ?? new WorkerPool(Math.max(1, options.workers), options.settings);
  const merger = new AggregateMerger();
  let done = 0;
  let partitionCount = 0;
  let rescanned = 0;
  const jobOf = (target: ScanTarget, start: number, end: number, exact: boolean): ScanJob => ({
    path: target.file.path,
    gzip: target.file.gzip,
    size: target.file.size,
    start,
    end,
    exact,
    holdTail: target.holdTail,
    columns: target.file.columns,
    format: target.file.format,
    defaultYear: target.file.defaultYear,
  });

  // Submit everything up front so the pool never idles; results are consumed in order per file.
  const planned = targets.map((target, index) => {
    const file = target.file;
    // Only the run's last file ends the pool's work, so only its tail is cut finer.
    const partitions = partitionFile(
      { ...file, dataStart: target.start },
      index,
      options.partitionBytes,
      inline || index < targets.length - 1 ? 1 : Math.max(1, options.workers),
    );
    partitionCount += partitions.length;
    return partitions.map((partition) => ({
      partition,
      result: pool.scan(jobOf(target, partition.start, partition.end, partition.exact)).then(
        (result) => {
          done += file.gzip ? file.size : Math.max(0, partition.end - partition.start);
          options.onProgress?.(Math.min(done, total), total);
          return result;
        },
      ),
    }));
  });

  const files: FileScan[] = [];
  try {
    for (const [index, target] of targets.entries()) {
      const outcome = await scanFileChain(
        target,
        planned[index],
        (start, end) => pool.scan(jobOf(target, start, end, true)),
        merger,
        options.onRejected,
      );
      rescanned += outcome.rescanned;
      files.push(outcome.scan);
    }
  } finally {
    if (!shared) pool.close();
  }
  options.onProgress?.(total, total);
  return {
    aggregate: merger.result(),
    files,
    bytes: total,
    partitions: partitionCount,
    rescanned,
    seconds: (performance.now() - started) / 1000,
    workers: inline ? 0 : Math.max(1, options.workers),
  };
}

/** One file's outcome from {@linkcode scanFileChain} (its counts went into the merger). */
export interface FileChainOutcome {
  scan: FileScan;
  rescanned: number;
}

/**
 * Consumes one file's partition results in order, checking each partition's
 * start against the previous one's true end and rescanning from the true end
 * when they differ (`rescan(start, end)` scans from a known record start).
 * Accepted partitions are merged into `merger` as they arrive, so the main
 * thread merges each partial once. `planned` is consumed (emptied) as it
 * goes: a merged partial and its rejected rows are garbage at once, so the
 * run's memory does not grow with the number of partitions.
 *
 * @example
 * ```ts
 * import { scanFileChain } from "./run_scan.ts";
 * // const outcome = await scanFileChain(wholeFile(file), planned, (start, end) => pool.scan(...), merger, (row) => rows.push(row));
 * ```
 */
export async function scanFileChain(
  target: ScanTarget,
  planned: { partition: Partition; result: Promise<ScanResult> }[],
  rescan: (start: number, end: number) => Promise<ScanResult>,
  merger: AggregateMerger,
  onRejected: (row: RejectedRow) => void,
): Promise<FileChainOutcome> {
  const file = target.file;
  const scan: FileScan = {
    file,
    start: target.start,
    end: target.start,
    lines: target.lineBase,
    pendingBytes: 0,
    records: 0,
    accepted: 0,
    rejected: 0,
    blankLines: 0,
  };
  let rescanned = 0;
  let expected = target.start;
  let lineBase = target.lineBase;
  // Partitions left unread after a failure still settle; keep their rejections quiet.
  for (const { result } of planned) result.catch(() => {});
  for (let next = planned.shift(); next !== undefined; next = planned.shift()) {
    const { partition, result: pending } = next;
    let result: ScanResult;
    try {
      result = await pending;
      if (result.start !== expected) {
        rescanned++;
        result = expected >= partition.end
          ? emptyResult(expected)
          : await rescan(expected, partition.end);
      }
    } catch (error) {
      scan.problem = `read failed: ${error instanceof Error ? error.message : String(error)}`;
      break;
    }
    merger.absorb(result.partial);
    for (const rejection of result.rejections) {
      onRejected({
        file: file.name,
        line: lineBase + rejection.lineOffset + 1,
        reason: rejection.reason,
        raw: rejection.raw,
      });
    }
    scan.records += result.records;
    scan.accepted += result.accepted;
    scan.rejected += result.rejected;
    scan.blankLines += result.blankLines;
    lineBase += result.newlines;
    expected = result.trueEnd;
    scan.end = result.trueEnd;
    scan.lines = lineBase;
    scan.pendingBytes = result.pendingBytes ?? 0;
    if (result.readError) {
      scan.problem = `read stopped early: ${result.readError}`;
      break;
    }
  }
  planned.length = 0;
  return { scan, rescanned };
}

/** The result of a partition that holds no record start. */
function emptyResult(at: number): ScanResult {
  return {
    start: at,
    trueEnd: at,
    newlines: 0,
    records: 0,
    accepted: 0,
    rejected: 0,
    blankLines: 0,
    partial: new AggregateBuilder().finish(),
    rejections: [],
  };
}

export type { Partition };
