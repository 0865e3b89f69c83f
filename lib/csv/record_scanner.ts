/**
 * A pull-style RFC 4180 record scanner over bytes.
 *
 * It finds record and field boundaries without creating strings: field spans
 * are byte offsets into the caller's buffer. It is the innermost loop of the
 * pipeline, so it is written for V8: one class, typed arrays, no closures.
 *
 * Records end at LF or CRLF (a CR before LF belongs to the terminator). A
 * quoted field may hold commas, doubled quotes and line breaks. Blank lines
 * are reported separately so they are accounted for but never counted as
 * records.
 *
 * A quoted field that is never closed would otherwise swallow the rest of the
 * file. So when no closing quote appears before end of data or within
 * `maxRecordBytes`, the record is reported as `UNCLOSED_QUOTE` and scanning
 * resumes at the line after the one where that quote opened: one stray quote
 * costs one row, not the file.
 *
 * @module
 */

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What {@linkcode RecordScanner.next} found. */
export const ScanStatus = {
  /** A record: its fields are in `starts`/`ends`/`quoting`. */
  RECORD: 0,
  /** An empty line (only a terminator, or a lone CR). */
  BLANK: 1,
  /** The buffer ends inside a record and more data exists: refill from `recordStart`. */
  NEED_MORE: 2,
  /** No more records before `stopAt` or end of data. */
  END: 3,
  /** A quoted field that never closed: the record spans `recordStart`..`recordEnd` (the line where the quote opened). */
  UNCLOSED_QUOTE: 4,
  /** A record longer than `maxRecordBytes` (without an open quote). */
  TOO_LONG: 5,
  /** Text after a closing quote inside the same field (`"a"b`). */
  BAD_QUOTE: 6,
} as const;

/** A {@linkcode ScanStatus} value. */
export type ScanStatusCode = typeof ScanStatus[keyof typeof ScanStatus];

/** How a field was written. */
export const Quoting = {
  /** Unquoted: the span is the raw bytes. */
  PLAIN: 0,
  /** Quoted without inner quotes: the span excludes the outer quotes. */
  QUOTED: 1,
  /** Quoted with doubled quotes inside: the span excludes the outer quotes; `""` must be unescaped. */
  ESCAPED: 2,
} as const;

/** The field spans of the last record a scanner found: what a row folder reads. */
export interface RecordFields {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoting: Uint8Array;
  readonly fieldCount: number;
}

/**
 * Scans CSV records from a byte buffer, one call to {@linkcode next} per record.
 *
 * @example
 * ```ts
 * import { RecordScanner, ScanStatus } from "./record_scanner.ts";
 * const bytes = new TextEncoder().encode('a,"b,c"\r\n1,2\n');
 * const scanner = new RecordScanner(8);
 * scanner.reset(bytes, 0, bytes.length, true, Infinity);
 * scanner.next() === ScanStatus.RECORD; // fields "a" and "b,c"
 * scanner.fieldCount; // 2
 * ```
 */
export class RecordScanner {
  /** Start offset of each field's content (up to `capacity` fields are recorded). */
  readonly starts: Int32Array;
  /** End offset (exclusive) of each field's content. */
  readonly ends: Int32Array;
  /** {@linkcode Quoting} of each field. */
  readonly quoting: Uint8Array;
  /** Fields in the last record (may exceed `capacity`; only the first `capacity` are recorded). */
  fieldCount = 0;
  /** Offset where the last record (or blank line) started. */
  recordStart = 0;
  /** Offset just past the last record's terminator: where the next record starts. */
  recordEnd = 0;
  /** Line feeds inside the last record, its terminator included. */
  newlines = 0;

  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #limit = 0;
  #eof = true;
  #stopAt = Infinity;
  readonly #capacity: number;
  readonly #maxRecordBytes: number;

  /**
   * @param capacity how many fields per record to record spans for; more are counted only.
   * @param maxRecordBytes longest record accepted; longer ones are reported, not parsed.
   */
  constructor(capacity: number, maxRecordBytes = 1 << 20) {
    this.#capacity = capacity;
    this.#maxRecordBytes = maxRecordBytes;
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.quoting = new Uint8Array(capacity);
  }

  /**
   * Points the scanner at `buf[pos, limit)`.
   *
   * @param eof whether `limit` is the end of the data (else a record cut by it is NEED_MORE).
   * @param stopAt records starting at or after this offset are not scanned (END).
   */
  reset(buf: Uint8Array, pos: number, limit: number, eof: boolean, stopAt: number): void {
    this.#buf = buf;
    this.#pos = pos;
    this.#limit = limit;
    this.#eof = eof;
    this.#stopAt = stopAt;
  }

  /** The offset the next call will start from. */
  get position(): number {
    return this.#pos;
  }

  /** Scans the next record. */
  next(): ScanStatusCode {
    const buf = this.#buf;
    const limit = this.#limit;
    const start = this.#pos;
    this.recordStart = start;
    if (start >= limit || start >= this.#stopAt) {
      return start < this.#stopAt && !this.#eof ? ScanStatus.NEED_MORE : ScanStatus.END;
    }
    // Blank line: LF or CR LF, or a lone CR at end of data. A CR followed by
    // anything else is content.
    const first = buf[start];
    if (first === LF) {
      this.#pos = this.recordEnd = start + 1;
      this.newlines = 1;
      return ScanStatus.BLANK;
    }
    if (first === CR) {
      if (start + 1 < limit) {
        if (buf[start + 1] === LF) {
          this.#pos = this.recordEnd = start + 2;
          this.newlines = 1;
          return ScanStatus.BLANK;
        }
      } else if (this.#eof) {
        this.#pos = this.recordEnd = limit;
        this.newlines = 0;
        return ScanStatus.BLANK;
      } else {
        return ScanStatus.NEED_MORE;
      }
    }

    const capacity = this.#capacity;
    const starts = this.starts;
    const ends = this.ends;
    const quoting = this.quoting;
    const maxEnd = start + this.#maxRecordBytes;
    let field = 0;
    let p = start;
    let newlines = 0;
    let badQuote = false;
    for (;;) {
      // One field per iteration; p is at the field's first byte.
      if (p < limit && buf[p] === QUOTE) {
        const open = p;
        let q = p + 1;
        let kind: number = Quoting.QUOTED;
        let closed = -1;
        for (;;) {
          const found = buf.indexOf(QUOTE, q);
          if (found < 0 || found >= limit) break;
          if (found + 1 < limit && buf[found + 1] === QUOTE) {
            kind = Quoting.ESCAPED;
            q = found + 2;
            continue;
          }
          // A quote at the buffer's end may be the first of a doubled pair.
          if (found + 1 >= limit && !this.#eof) return ScanStatus.NEED_MORE;
          closed = found;
          break;
        }
        if (closed < 0 || closed >= maxEnd) {
          const windowEnd = Math.min(limit, maxEnd);
          if (closed < 0 && !this.#eof && limit < maxEnd) return ScanStatus.NEED_MORE;
          return this.#unclosed(start, open, windowEnd);
        }
        for (let i = open + 1; i < closed; i++) if (buf[i] === LF) newlines++;
        if (field < capacity) {
          starts[field] = open + 1;
          ends[field] = closed;
          quoting[field] = kind;
        }
        p = closed + 1;
        // Anything but a delimiter after the closing quote is malformed; skip to the delimiter.
        if (p < limit && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) {
          badQuote = true;
          while (p < limit && buf[p] !== COMMA && buf[p] !== LF) p++;
        }
      } else {
        const fieldStart = p;
        while (p < limit) {
          const b = buf[p];
          if (b === COMMA || b === LF) break;
          p++;
        }
        if (field < capacity) {
          starts[field] = fieldStart;
          // A CR right before the LF terminator belongs to the terminator.
          ends[field] =
            p > fieldStart && buf[p - 1] === CR && (p < limit ? buf[p] === LF : this.#eof)
              ? p - 1
              : p;
          quoting[field] = Quoting.PLAIN;
        }
      }
      field++;
      if (p >= limit) {
        // Over-long records are still scanned to their end (and then reported TOO_LONG) so that
        // the next record starts where a sequential reader would start it.
        if (!this.#eof) return ScanStatus.NEED_MORE;
        // Last record without a final newline.
        this.#pos = this.recordEnd = limit;
        break;
      }
      const b = buf[p];
      if (b === COMMA) {
        p++;
        continue;
      }
      if (b === CR) {
        // Only after a closing quote can p rest on a CR: CR LF ends the record, a lone CR is junk.
        if (p + 1 < limit && buf[p + 1] === LF) {
          newlines++;
          this.#pos = this.recordEnd = p + 2;
          break;
        }
        if (p + 1 >= limit) {
          if (!this.#eof) return ScanStatus.NEED_MORE;
          this.#pos = this.recordEnd = limit;
          break;
        }
        badQuote = true;
        while (p < limit && buf[p] !== COMMA && buf[p] !== LF) p++;
        continue;
      }
      // LF
      newlines++;
      this.#pos = this.recordEnd = p + 1;
      break;
    }
    this.fieldCount = field;
    this.newlines = newlines;
    if (this.recordEnd - start > this.#maxRecordBytes) return ScanStatus.TOO_LONG;
    return badQuote ? ScanStatus.BAD_QUOTE : ScanStatus.RECORD;
  }

  /** Ends an unclosed-quote record at the line where the quote opened. */
  #unclosed(start: number, open: number, windowEnd: number): ScanStatusCode {
    const buf = this.#buf;
    let newlines = 0;
    for (let i = start; i < open; i++) if (buf[i] === LF) newlines++;
    const lf = buf.indexOf(LF, open);
    const end = lf >= 0 && lf < windowEnd ? lf + 1 : windowEnd;
    if (lf >= 0 && lf < windowEnd) newlines++;
    this.#pos = this.recordEnd = end;
    this.newlines = newlines;
    this.fieldCount = 0;
    return ScanStatus.UNCLOSED_QUOTE;
  }
}
