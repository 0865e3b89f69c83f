/**
 * Reading one partition into a buffer, shared by the CSV and the line
 * scanners: open the file (or gzip stream) one byte before the nominal start,
 * fill the buffer, skip to the first line start when the start is a guess,
 * drop consumed bytes. A read error ends the data and is kept to report.
 *
 * @module
 */

import { openFileRange, openGzip } from "./byte_source.ts";
import type { ByteSource } from "./byte_source.ts";

const LF = 10;

/** What the reader needs of a scan job. */
export interface PartitionRange {
  path: string;
  gzip: boolean;
  size: number;
  start: number;
  exact: boolean;
}

/**
 * A partition's bytes in a buffer: `buf[0, len)` holds the file's bytes from
 * offset `offset` (decompressed for gzip).
 *
 * @example
 * ```ts
 * import { PartitionReader } from "./partition_reader.ts";
 * // const reader = await PartitionReader.open(job, new Uint8Array(1 << 20));
 * // const pos = await reader.begin();
 * ```
 */
export class PartitionReader {
  /** The buffer (replace it with a larger one holding the same bytes to grow). */
  buf: Uint8Array;
  len = 0;
  /** File offset of `buf[0]`. */
  offset: number;
  eof = false;
  /** A read error that ended the data early, if any. */
  readError: string | undefined;
  readonly #source: ByteSource;
  readonly #aligned: boolean;

  private constructor(source: ByteSource, buf: Uint8Array, offset: number, aligned: boolean) {
    this.#source = source;
    this.buf = buf;
    this.offset = offset;
    this.#aligned = aligned;
  }

  /** Opens a partition, reading into `buf`. */
  static async open(job: PartitionRange, buf: Uint8Array): Promise<PartitionReader> {
    const aligned = job.exact || job.start === 0;
    // Read one byte early so a start that is already a line start aligns to itself.
    const readFrom = aligned ? job.start : job.start - 1;
    const source = job.gzip
      ? await openGzip(job.path, readFrom)
      : await openFileRange(job.path, readFrom, job.size);
    return new PartitionReader(source, buf, readFrom, aligned);
  }

  /** Fills the buffer, then skips a guessed start to the next line start; returns its index. */
  async begin(): Promise<number> {
    await this.fill();
    if (this.#aligned) return 0;
    for (;;) {
      const lf = this.buf.subarray(0, this.len).indexOf(LF);
      if (lf >= 0) return lf + 1;
      if (this.eof) return this.len;
      this.shift(this.len);
      await this.fill();
    }
  }

  /** Reads until the buffer is full or the data ends. */
  async fill(): Promise<void> {
    while (!this.eof && this.len < this.buf.length) {
      let n: number | null;
      try {
        n = await this.#source.read(this.buf.subarray(this.len));
      } catch (error) {
        this.readError = error instanceof Error ? error.message : String(error);
        n = null;
      }
      if (n === null) this.eof = true;
      else this.len += n;
    }
  }

  /** Drops `buf[0, pos)`, keeping the rest at the front. */
  shift(pos: number): void {
    this.buf.copyWithin(0, pos, this.len);
    this.len -= pos;
    this.offset += pos;
  }

  close(): void {
    this.#source.close();
  }
}
