/**
 * A {@linkcode RecordScanner} accelerated by a SIMD structural index.
 *
 * The WebAssembly indexer lists every comma, line feed and quote of the
 * buffer in one pass at many bytes per cycle; this scanner then finds a
 * record's fields by walking that list instead of testing every byte in
 * JavaScript. Records the index cannot settle alone (a quote, a blank line,
 * a record running past the data or longer than the limit) are handed to the
 * byte-level scanner, so the results are exactly the byte-level scanner's.
 *
 * @module
 */

import { Quoting, RecordScanner, ScanStatus } from "./record_scanner.ts";
import type { ScanStatusCode } from "./record_scanner.ts";
import type { RowKernel } from "./row_kernel.ts";
import { StopReason } from "./kernel_counts.ts";
import type { ScanMemory } from "./scan_memory.ts";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Scans CSV records from a {@linkcode ScanMemory}'s buffer; same interface
 * and results as {@linkcode RecordScanner}.
 *
 * @example
 * ```ts
 * import { IndexedScanner } from "./indexed_scanner.ts";
 * import { ScanStatus } from "./record_scanner.ts";
 * import { ScanMemory } from "./scan_memory.ts";
 * const memory = new ScanMemory(1024);
 * const text = new TextEncoder().encode("a,b\n1,2\n");
 * memory.bytes.set(text);
 * const scanner = new IndexedScanner(memory, 8);
 * scanner.reset(memory.bytes, 0, text.length, true, Infinity);
 * scanner.next() === ScanStatus.RECORD; // fields "a" and "b"
 * ```
 */
export class IndexedScanner {
  /** Start offset of each field's content. */
  readonly starts: Int32Array;
  /** End offset (exclusive) of each field's content. */
  readonly ends: Int32Array;
  /** {@linkcode Quoting} of each field. */
  readonly quoting: Uint8Array;
  /** Fields in the last record. */
  fieldCount = 0;
  /** Offset where the last record (or blank line) started. */
  recordStart = 0;
  /** Offset just past the last record's terminator. */
  recordEnd = 0;
  /** Line feeds inside the last record, its terminator included. */
  newlines = 0;

  readonly #memory: ScanMemory;
  readonly #fallback: RecordScanner;
  readonly #capacity: number;
  readonly #maxRecordBytes: number;
  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #limit = 0;
  #eof = true;
  #stopAt = Infinity;
  #events: Int32Array = new Int32Array(0);
  #count = 0;
  #cursor = 0;
  /** Whether `#buf` is the memory's buffer (else every record goes to the fallback). */
  #indexed = false;

  constructor(memory: ScanMemory, capacity: number, maxRecordBytes = 1 << 20) {
    this.#memory = memory;
    this.#capacity = capacity;
    this.#maxRecordBytes = maxRecordBytes;
    this.#fallback = new RecordScanner(capacity, maxRecordBytes);
    this.starts = this.#fallback.starts;
    this.ends = this.#fallback.ends;
    this.quoting = this.#fallback.quoting;
  }

  /** Points the scanner at `buf[pos, limit)` (see {@linkcode RecordScanner.reset}). */
  reset(buf: Uint8Array, pos: number, limit: number, eof: boolean, stopAt: number): void {
    this.#buf = buf;
    this.#pos = pos;
    this.#limit = limit;
    this.#eof = eof;
    this.#stopAt = stopAt;
    const memory = this.#memory;
    this.#indexed = buf.buffer === memory.bytes.buffer && buf.byteOffset === 0 &&
      limit <= memory.capacity;
    this.#count = this.#indexed ? memory.index(pos, limit) : 0;
    this.#events = memory.events;
    this.#cursor = 0;
  }

  /** The offset the next call will start from. */
  get position(): number {
    return this.#pos;
  }

  /** Scans the next record. */
  next(): ScanStatusCode {
    const start = this.#pos;
    const buf = this.#buf;
    if (
      !this.#indexed || start >= this.#limit || start >= this.#stopAt || buf[start] === LF ||
      buf[start] === CR
    ) return this.#delegate(start);
    const events = this.#events;
    const count = this.#count;
    let cursor = this.#cursor;
    while (cursor < count && events[cursor] < start) cursor++;
    const starts = this.starts;
    const ends = this.ends;
    const quoting = this.quoting;
    const capacity = this.#capacity;
    const limit = this.#limit;
    let field = 0;
    let fieldStart = start;
    let newlines = 1;
    let end: number;
    for (;;) {
      if (buf[fieldStart] === QUOTE && fieldStart < limit) {
        // A quoted field: skip the commas and line feeds inside it up to the closing quote.
        let kind: number = Quoting.QUOTED;
        let closed = -1;
        while (closed < 0) {
          if (++cursor >= count) return this.#delegate(start); // the opening quote's event, then on
          const at = events[cursor];
          const byte = buf[at];
          if (byte === LF) newlines++;
          else if (byte === QUOTE) {
            if (at + 1 >= limit) return this.#delegate(start); // maybe half of a doubled quote
            if (buf[at + 1] === QUOTE) {
              kind = Quoting.ESCAPED;
              cursor++;
            } else closed = at;
          }
        }
        cursor++;
        if (field < capacity) {
          starts[field] = fieldStart + 1;
          ends[field] = closed;
          quoting[field] = kind;
        }
        field++;
        let at = closed + 1;
        if (buf[at] === CR && at + 1 < limit && buf[at + 1] === LF) at++;
        // Text after the quote (past `count`, events are stale: the quote's follower is no event).
        if (at >= limit || cursor >= count || events[cursor] !== at) return this.#delegate(start);
        cursor++;
        if (buf[at] === COMMA) {
          fieldStart = at + 1;
          continue;
        }
        end = at + 1;
        break;
      }
      if (cursor >= count) return this.#delegate(start); // no terminator in the data yet
      const at = events[cursor++];
      const byte = buf[at];
      if (byte === QUOTE) return this.#delegate(start); // a quote inside an unquoted field
      if (field < capacity) {
        starts[field] = fieldStart;
        // A CR right before the line feed belongs to the terminator.
        ends[field] = byte === LF && at > fieldStart && buf[at - 1] === CR ? at - 1 : at;
        quoting[field] = Quoting.PLAIN;
      }
      field++;
      if (byte === COMMA) {
        fieldStart = at + 1;
        continue;
      }
      end = at + 1;
      break;
    }
    if (end - start > this.#maxRecordBytes) return this.#delegate(start);
    this.#cursor = cursor;
    this.#pos = this.recordEnd = end;
    this.recordStart = start;
    this.fieldCount = field;
    this.newlines = newlines;
    return ScanStatus.RECORD;
  }

  /**
   * Resolves the records from the current position with the row kernel (see
   * {@linkcode RowKernel}), up to a batch; returns how many it resolved and
   * moves past them. It stops, untouched, at the first record the kernel
   * leaves to {@linkcode next}, so 0 means: call `next()` — unless
   * {@linkcode kernelStop} gives the kernel a reason of its own to stop.
   */
  resolveRows(kernel: RowKernel): number {
    this.kernelStop = StopReason.OTHER;
    if (!this.#indexed) return 0;
    const records = kernel.scan(this.#pos, this.#cursor, this.#limit, this.#stopAt, this.#count);
    this.kernelStop = kernel.counts.stopReason;
    if (records > 0) {
      this.#pos = kernel.position;
      this.#cursor = kernel.cursor;
    }
    return records;
  }

  /** Why the last {@linkcode resolveRows} stopped (see {@linkcode StopReason}). */
  kernelStop: number = StopReason.OTHER;

  /** Lets the byte-level scanner take the record at `start`. */
  #delegate(start: number): ScanStatusCode {
    const fallback = this.#fallback;
    fallback.reset(this.#buf, start, this.#limit, this.#eof, this.#stopAt);
    const status = fallback.next();
    this.#pos = fallback.position;
    this.recordStart = fallback.recordStart;
    this.recordEnd = fallback.recordEnd;
    this.fieldCount = fallback.fieldCount;
    this.newlines = fallback.newlines;
    return status;
  }
}
