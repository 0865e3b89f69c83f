/**
 * The row kernel: the per-record work of a plain CSV scan in WebAssembly.
 *
 * It walks the structural index record by record (as
 * {@linkcode IndexedScanner.next} does) and resolves each record's timestamp,
 * level and three key fields to numbers, and an error row's message to its
 * template id, remembering what bytes resolved to
 * and asking its {@linkcode RowKernelHost} only for bytes it has not seen. The
 * host's tables stay the one owner of ids and values; the kernel's caches are
 * pure functions of bytes, so a record comes out exactly as the JavaScript
 * path would fold it. A record the kernel cannot settle so (one to reject, a
 * key field with doubled quotes, a record not yet terminated) ends the batch,
 * untouched, for the JavaScript path.
 *
 * Counting (see {@linkcode KernelCounts}), it also sums the rows of one hour
 * per cell itself, so the host adds each cell once instead of each row; only
 * error rows, and rows the counts cannot hold, are then written out.
 *
 * Kernel and index share one WebAssembly memory ({@linkcode ScanMemory}); the
 * region layout below is mirrored in `wasm/indexer.wat`.
 *
 * @module
 */

import { BLANK } from "../bytes/blank.ts";
import { COUNTS_BYTES, COUNTS_OFFSET, KernelCounts } from "./kernel_counts.ts";
import type { ScanMemory } from "./scan_memory.ts";

/** What the kernel asks its host, for bytes it has not seen (offsets into the memory's bytes). */
export interface RowKernelHost {
  /** Epoch milliseconds of a timestamp field, or NaN when it does not parse. */
  timestamp(start: number, end: number): number;
  /** Level index of a level field. */
  level(start: number, end: number): number;
  /** Id of a key (dimension 0, 1 or 2 of the kernel) in the host's table. */
  key(dim: number, start: number, end: number): number;
  /**
   * Template id of an error row's message: the field's span as the scanner
   * gives it (untrimmed; -1, -1 when the file has no message column) and its
   * quoting (see `Quoting` in `record_scanner.ts`).
   */
  template(start: number, end: number, quoting: number): number;
}

/** The columns the kernel reads, by index in the record (-1: the file has none). */
export interface KernelColumns {
  fieldCount: number;
  timestamp: number;
  level: number;
  /** The three key columns, resolved to ids of kernel dimensions 0, 1 and 2. */
  keys: readonly [number, number, number];
  /** Spans only (the host reads them for error rows). */
  message: number;
  errorType: number;
}

/** Most fields a record may have for the kernel (more: the JavaScript path scans). */
export const KERNEL_MAX_FIELDS = 64;
/**
 * Rows written per {@linkcode RowKernel.scan} at most (rows it counts without
 * writing them are not among them).
 */
export const KERNEL_BATCH_ROWS = 256;
/** Bytes of the kernel's region in the memory (the last 16 are slack for 8-byte reads). */
export const KERNEL_BYTES = COUNTS_OFFSET + COUNTS_BYTES + 16;

/** Int32 slots of an output row in {@linkcode RowKernel.rows}. */
export const RowSlot = {
  LEVEL: 0,
  KEY0: 1,
  KEY1: 2,
  KEY2: 3,
  /** Message field's start, end and quoting (the field as the scanner gives it: untrimmed). */
  MESSAGE_START: 4,
  MESSAGE_END: 5,
  MESSAGE_QUOTING: 6,
  /** Error type field's start, end and quoting; start -1 when the file has none. */
  ERROR_TYPE_START: 7,
  ERROR_TYPE_END: 8,
  ERROR_TYPE_QUOTING: 9,
  /** Line feeds of the record, its terminator included. */
  NEWLINES: 10,
  /** Template id of the message of an error row (see `configure`'s `errorLevels`); -1 for other rows. */
  TEMPLATE: 11,
  /**
   * 1 when the row is in the kernel's counts already (see
   * {@linkcode RowKernel.counts}): only its error part is left to fold.
   */
  COUNTED: 12,
} as const;
/** Int32s per output row. */
export const ROW_INTS = 13;

// Byte offsets in the region (see wasm/indexer.wat).
const CONFIG = 0;
const LAST_TS_LENGTH = 60;
const BLANK_TABLE = 256;
const ERROR_LEVELS = 1088;
const LEVEL_MEMO = 2048;
const MINUTE = 3072;
const OUT_TIMESTAMPS = 4096;
const OUT_ROWS = 8192;
const KEY_CACHES = 32768;

/**
 * Runs the row kernel of one {@linkcode ScanMemory}.
 *
 * @example
 * ```ts
 * import { ScanMemory } from "./scan_memory.ts";
 * const memory = new ScanMemory(1024);
 * const text = new TextEncoder().encode("2024-01-15 10:00:00,INFO,api\n");
 * memory.bytes.set(text);
 * memory.host = { timestamp: () => 1705312800000, level: () => 1, key: () => 0, template: () => 0 };
 * const kernel = memory.kernel;
 * const columns = { timestamp: 0, level: 1, keys: [2, -1, -1] as const, message: 1, errorType: -1 };
 * kernel.configure({ fieldCount: 3, ...columns }, 1 << 20);
 * kernel.scan(0, 0, text.length, text.length, memory.index(0, text.length)); // 1 row
 * kernel.timestamps[0]; // 1705312800000
 * ```
 */
export class RowKernel {
  readonly #memory: ScanMemory;
  #buffer: ArrayBuffer | undefined;
  #config: Int32Array = new Int32Array(0);
  #timestamps: Float64Array = new Float64Array(0);
  #rows: Int32Array = new Int32Array(0);
  #counts: KernelCounts | undefined;

  constructor(memory: ScanMemory) {
    this.#memory = memory;
  }

  /** Whether the kernel can scan records of `fieldCount` fields. */
  static supports(fieldCount: number): boolean {
    return fieldCount > 0 && fieldCount <= KERNEL_MAX_FIELDS;
  }

  /**
   * Sets the columns and the record size limit, and forgets every cached
   * resolution: call it whenever the host's tables or context change (a new
   * partition), so no id of an old table is ever returned. `fixedZone`: the
   * zone of timestamps without an offset never changes offset (UTC, +05:30),
   * so the kernel may compute a timestamp of the last one's minute itself (as
   * `TimestampCache` does) instead of asking the host. `errorLevels`: 1 at
   * each level index whose rows get a template id (none by default).
   * `counting`: sum rows into {@linkcode counts} instead of writing them
   * (error rows are written too, marked counted).
   */
  configure(
    columns: KernelColumns,
    maxRecordBytes: number,
    fixedZone = false,
    errorLevels: Uint8Array = new Uint8Array(0),
    counting = false,
  ): void {
    this.#views();
    const region = new Uint8Array(this.#memory.buffer, this.#memory.kernelOffset, KERNEL_BYTES);
    region.fill(0, LEVEL_MEMO, LEVEL_MEMO + 1024);
    // Up to the counts, which reset themselves below.
    region.fill(0, KEY_CACHES, COUNTS_OFFSET);
    region.set(BLANK, BLANK_TABLE);
    region.fill(0, ERROR_LEVELS, ERROR_LEVELS + 8);
    region.set(errorLevels.subarray(0, 8), ERROR_LEVELS);
    const config = this.#config;
    config[0] = columns.fieldCount;
    config[1] = columns.timestamp;
    config[2] = columns.level;
    config[3] = columns.keys[0];
    config[4] = columns.keys[1];
    config[5] = columns.keys[2];
    config[6] = columns.message;
    config[7] = columns.errorType;
    config[8] = Math.min(maxRecordBytes, 0x7fffffff);
    config[LAST_TS_LENGTH >> 2] = -1;
    const minute = new Int32Array(this.#memory.buffer, this.#memory.kernelOffset + MINUTE, 3);
    minute[0] = -1;
    minute[2] = fixedZone ? 1 : 0;
    this.counts.reset(counting);
  }

  /**
   * Resolves records from `pos` (the first event at or after it at `cursor`)
   * while they start before `limit` and `stopAt`; returns how many records
   * it resolved. It wrote {@linkcode rowCount} of them to
   * {@linkcode timestamps} and {@linkcode rows} (all, unless counting: see
   * {@linkcode counts}). Where it stopped is then {@linkcode position} and
   * {@linkcode cursor}.
   */
  scan(pos: number, cursor: number, limit: number, stopAt: number, eventCount: number): number {
    const config = this.#views();
    config[9] = limit;
    config[10] = Math.min(stopAt, 0x7fffffff);
    config[11] = this.#memory.events.byteOffset;
    config[12] = eventCount;
    return this.#memory.scanRows(pos, cursor, KERNEL_BATCH_ROWS);
  }

  /** Where the last scan stopped: the start of the first record it did not resolve. */
  get position(): number {
    return this.#config[13];
  }

  /** The event cursor at {@linkcode position}. */
  get cursor(): number {
    return this.#config[14];
  }

  /** Rows the last scan wrote. */
  get rowCount(): number {
    return this.counts.rowsWritten;
  }

  /** The counts rows are summed into when counting (see `configure`). */
  get counts(): KernelCounts {
    this.#views();
    return this.#counts!;
  }

  /** Timestamps of the last scan's rows. */
  get timestamps(): Float64Array {
    return this.#timestamps;
  }

  /** The last scan's rows, {@linkcode ROW_INTS} per row (see {@linkcode RowSlot}). */
  get rows(): Int32Array {
    return this.#rows;
  }

  /** The region's views, made again after the memory grew (which moves the region). */
  #views(): Int32Array {
    const memory = this.#memory;
    if (this.#buffer !== memory.buffer || this.#config.byteOffset !== memory.kernelOffset) {
      const buffer = memory.buffer;
      const base = memory.kernelOffset;
      this.#buffer = buffer;
      this.#config = new Int32Array(buffer, base + CONFIG, 16);
      this.#timestamps = new Float64Array(buffer, base + OUT_TIMESTAMPS, KERNEL_BATCH_ROWS);
      this.#rows = new Int32Array(buffer, base + OUT_ROWS, KERNEL_BATCH_ROWS * ROW_INTS);
      this.#counts = new KernelCounts(buffer, base + COUNTS_OFFSET);
    }
    return this.#config;
  }
}
