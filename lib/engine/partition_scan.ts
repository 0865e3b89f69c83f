/**
 * Scans one byte-range partition of an input file into a partial aggregate:
 * aligns to a record start, streams the bytes through the record scanner in
 * bounded chunks, folds accepted rows and collects rejected ones.
 *
 * A partition owns the records that START inside its nominal range; the last
 * one may run past the range's end. Its true end (where the next record starts)
 * is returned so the caller can check the next partition's guessed start.
 *
 * @module
 */

import type { PartialAggregate } from "../aggregate/partial.ts";
import { IndexedScanner } from "../csv/indexed_scanner.ts";
import { ScanStatus } from "../csv/record_scanner.ts";
import { RowKernel } from "../csv/row_kernel.ts";
import { StopReason } from "../csv/kernel_counts.ts";
import type { KernelCounts } from "../csv/kernel_counts.ts";
import { ScanMemory } from "../csv/scan_memory.ts";
import type { LineFormatSpec } from "../formats/spec.ts";
import type { ColumnMap } from "../input/columns.ts";
import type { TimestampContext } from "../time/timestamp.ts";
import { PartitionReader } from "./partition_reader.ts";
import { keepRowFolder, takeRowFolder } from "./folder_reuse.ts";
import { addKernelCounts } from "./kernel_counts_fold.ts";
import { FoldOutcome, kernelColumns } from "./row_folder.ts";
import type { FoldSettings, RowFolder } from "./row_folder.ts";

const LF = 10;
const CHUNK_BYTES = 1 << 20;
/** Longest raw text kept for a rejected row. */
export const REJECT_RAW_CHARS = 500;

/** One partition to scan. */
export interface ScanJob {
  path: string;
  gzip: boolean;
  /** File size when the run was planned: bytes past it are not read. */
  size: number;
  /** Nominal first byte (decompressed offset for gzip). */
  start: number;
  /** Whether `start` is known to be a record start (else align to the next line start). */
  exact: boolean;
  /** Records starting at or after this offset belong to the next partition. */
  end: number;
  /** Stop before a last record that has no line feed yet (the file may be mid-write). */
  holdTail: boolean;
  /** The CSV columns (for a CSV file). */
  columns: ColumnMap;
  /** The line format, or null for CSV. */
  format: LineFormatSpec | null;
  /** Year for timestamps without one. */
  defaultYear: number;
}

/** A row that was not accepted. */
export interface Rejection {
  /** Line index of the record's first line, counted from the partition's start (0-based). */
  lineOffset: number;
  reason: string;
  raw: string;
}

/** What scanning a partition found. */
export interface ScanResult {
  /** Where scanning started (the aligned start). */
  start: number;
  /** Where the next record starts: the partition's true end. */
  trueEnd: number;
  /** Line feeds in [start, trueEnd). */
  newlines: number;
  /** Bytes of an unterminated last record left unread by `holdTail` (at `trueEnd`). */
  pendingBytes?: number;
  records: number;
  accepted: number;
  rejected: number;
  blankLines: number;
  partial: PartialAggregate;
  rejections: Rejection[];
  /** A read error that ended the partition early (e.g. corrupt gzip), if any. */
  readError?: string;
}

/** Per-worker settings shared by all partitions. */
export interface ScanSettings extends FoldSettings {
  timezone: string;
  maxRecordBytes: number;
  /**
   * `false`: every CSV record goes through the JavaScript scanner and fold,
   * the reference the row kernel is tested against (default: the kernel
   * resolves the records it can).
   */
  rowKernel?: boolean;
}

const decoder = new TextDecoder();

/** Buffers of finished scans, reused by the next (a worker scans many partitions). */
const spareMemories: ScanMemory[] = [];

function takeMemory(): ScanMemory {
  return spareMemories.pop() ?? new ScanMemory(CHUNK_BYTES);
}

function returnMemory(memory: ScanMemory): void {
  // One grown for an over-long record is let go rather than kept.
  if (memory.capacity <= CHUNK_BYTES * 4 && spareMemories.length < 4) spareMemories.push(memory);
}

/**
 * Scans one partition of a CSV file.
 *
 * @example
 * ```ts
 * import { scanPartition } from "./partition_scan.ts";
 * // const result = await scanPartition(job, settings, timeContext);
 * ```
 */
export async function scanPartition(
  job: ScanJob,
  settings: ScanSettings,
  time: TimestampContext,
): Promise<ScanResult> {
  const memory = takeMemory();
  const scanner = new IndexedScanner(memory, job.columns.fieldCount + 1, settings.maxRecordBytes);
  const records = new BufferedRecords(job, settings, time, scanner, memory);
  const reader = await PartitionReader.open(job, memory.bytes);

  try {
    const pos = await reader.begin();
    const start = reader.offset + pos;
    scanner.reset(reader.buf, pos, reader.len, reader.eof, job.end - reader.offset);
    while (records.fold(reader.buf, reader.len, reader.eof) === NEED_MORE) {
      // Keep the unfinished record, make room, read on.
      const keep = scanner.recordStart;
      if (keep === 0) {
        memory.grow(reader.buf.length * 2);
        reader.buf = memory.bytes;
      } else reader.shift(keep);
      await reader.fill();
      scanner.reset(reader.buf, 0, reader.len, reader.eof, job.end - reader.offset);
    }
    const pendingBytes = records.pendingBytes;
    return {
      start,
      trueEnd: reader.offset + (pendingBytes > 0 ? scanner.recordStart : scanner.position),
      newlines: records.newlines,
      pendingBytes,
      records: records.records,
      accepted: records.accepted,
      rejected: records.rejected,
      blankLines: records.blankLines,
      partial: records.finish(),
      rejections: records.rejections,
      readError: reader.readError,
    };
  } finally {
    reader.close();
    returnMemory(memory);
    keepRowFolder(records.folder);
  }
}

/** Stops for the kernel's counts a partition allows whatever its rows. */
const MIN_COUNT_STOPS = 16;
/** Past that, rows per stop the counts must sum for counting to go on. */
const ROWS_PER_COUNT_STOP = 256;

/** {@linkcode BufferedRecords.fold} stopped at the end of the buffered bytes. */
const NEED_MORE = 0;
/** {@linkcode BufferedRecords.fold} stopped at the partition's end. */
const DONE = 1;

/**
 * The per-record loop of a partition, over the bytes buffered so far. It is
 * a synchronous method of its own, apart from the reads it waits for: V8 then
 * optimizes it (and the fold it inlines) once as a plain function, where a
 * loop inside the async function was compiled again on every resumption's
 * on-stack replacement, costing CPU that the other worker needed.
 */
class BufferedRecords {
  readonly folder: RowFolder;
  readonly rejections: Rejection[] = [];
  records = 0;
  accepted = 0;
  rejected = 0;
  blankLines = 0;
  newlines = 0;
  /** Bytes of an unterminated last record held back (see {@linkcode ScanJob.holdTail}). */
  pendingBytes = 0;
  /** Times the kernel stopped for its counts to be taken. */
  #countStops = 0;
  readonly #job: ScanJob;
  readonly #maxRecordBytes: number;
  readonly #time: TimestampContext;
  readonly #scanner: IndexedScanner;
  /** The row kernel, when it can scan this file's records (else every record goes through `next()`). */
  readonly #kernel: RowKernel | undefined;

  constructor(
    job: ScanJob,
    settings: ScanSettings,
    time: TimestampContext,
    scanner: IndexedScanner,
    memory: ScanMemory,
  ) {
    this.folder = takeRowFolder(settings);
    this.#job = job;
    this.#maxRecordBytes = settings.maxRecordBytes;
    this.#time = time;
    this.#scanner = scanner;
    if (settings.rowKernel !== false && RowKernel.supports(job.columns.fieldCount)) {
      // A new partition: the folder's tables were reset, so the kernel forgets its caches.
      memory.kernel.configure(
        kernelColumns(job.columns),
        settings.maxRecordBytes,
        time.zone.fixedOffset,
        this.folder.errorLevels,
        true,
      );
      memory.host = this.folder.kernelHost(memory, time);
      this.#kernel = memory.kernel;
    }
  }

  /** Folds the scanner's records of `buf[0, len)`; returns {@linkcode NEED_MORE} or {@linkcode DONE}. */
  fold(buf: Uint8Array, len: number, eof: boolean): number {
    const scanner = this.#scanner;
    const folder = this.folder;
    const columns = this.#job.columns;
    const time = this.#time;
    const holdTail = this.#job.holdTail;
    const kernel = this.#kernel;
    for (;;) {
      if (kernel !== undefined) {
        const records = scanner.resolveRows(kernel);
        const counts = kernel.counts;
        if (records > 0) {
          this.records += records;
          this.accepted += records;
          this.newlines +=
            folder.foldResolved(buf, kernel.timestamps, kernel.rows, kernel.rowCount) +
            counts.countedNewlines;
        }
        // The counts go on across batches and buffer refills: they are taken
        // when the kernel asks, before a record is folded here, and at the end.
        const stop = scanner.kernelStop;
        if (stop === StopReason.TAKE_COUNTS) this.#takeCounts(counts);
        if (stop !== StopReason.OTHER) continue;
      }
      const status = scanner.next();
      if (status === ScanStatus.END) return DONE;
      if (status === ScanStatus.NEED_MORE) return NEED_MORE;
      if (
        holdTail && eof && status !== ScanStatus.TOO_LONG &&
        scanner.recordEnd === len && len > 0 && buf[len - 1] !== LF
      ) {
        // The file's last bytes are a record without its line feed: it may be mid-write.
        this.pendingBytes = len - scanner.recordStart;
        return DONE;
      }
      if (status === ScanStatus.BLANK) {
        this.blankLines++;
        this.newlines += scanner.newlines;
        continue;
      }
      this.records++;
      let outcome: number = FoldOutcome.ACCEPTED;
      if (status === ScanStatus.RECORD) {
        // Rows are added in file order (the tables' cells keep first-seen order).
        if (kernel !== undefined) addKernelCounts(folder.builder, kernel.counts);
        outcome = folder.fold(buf, scanner, columns, time);
        if (outcome === FoldOutcome.ACCEPTED) {
          this.accepted++;
          this.newlines += scanner.newlines;
          continue;
        }
      }
      this.#reject(buf, status, outcome);
    }
  }

  /**
   * Adds the kernel's counts when it stopped for them. Summing pays when rows
   * share cells for a while; when they keep stopping it (hours interleaved,
   * more keys than the counts hold), it would cost twice the row-by-row fold,
   * so the rest of the partition goes row by row.
   */
  #takeCounts(counts: KernelCounts): void {
    addKernelCounts(this.folder.builder, counts);
    this.#countStops++;
    if (
      this.#countStops > MIN_COUNT_STOPS && this.#countStops * ROWS_PER_COUNT_STOP > this.records
    ) {
      counts.disable();
    }
  }

  /** The partition's partial aggregate, with what the kernel's counts still hold. */
  finish(): ReturnType<RowFolder["finish"]> {
    if (this.#kernel !== undefined) addKernelCounts(this.folder.builder, this.#kernel.counts);
    return this.folder.finish();
  }

  /** Keeps a rejected record (the scanner's last) with its reason. */
  #reject(buf: Uint8Array, status: number, outcome: number): void {
    const scanner = this.#scanner;
    let reason: string;
    if (status === ScanStatus.RECORD) {
      reason = outcome === FoldOutcome.FIELD_COUNT
        ? `expected ${this.#job.columns.fieldCount} fields, found ${scanner.fieldCount}`
        : `unparseable timestamp "${clip(this.folder.lastBadTimestamp, 60)}"`;
    } else if (status === ScanStatus.UNCLOSED_QUOTE) {
      reason =
        `quoted field never closed (within ${this.#maxRecordBytes} bytes or before end of file)`;
    } else if (status === ScanStatus.TOO_LONG) {
      reason = `record longer than max_record_bytes (${this.#maxRecordBytes})`;
    } else {
      reason = "text after a closing quote";
    }
    this.rejected++;
    this.rejections.push({
      lineOffset: this.newlines,
      reason,
      raw: rawText(buf, scanner.recordStart, scanner.recordEnd),
    });
    this.newlines += scanner.newlines;
  }
}

/** The record's text without its terminator, cut to {@linkcode REJECT_RAW_CHARS}. */
function rawText(buf: Uint8Array, start: number, end: number): string {
  let stop = Math.min(end, start + REJECT_RAW_CHARS * 4);
  if (stop === end) {
    if (stop > start && buf[stop - 1] === LF) stop--;
    if (stop > start && buf[stop - 1] === 13) stop--;
  }
  return clip(decoder.decode(buf.subarray(start, stop)), REJECT_RAW_CHARS);
}

function clip(text: string, chars: number): string {
  return text.length > chars ? text.slice(0, chars) : text;
}
