/**
 * Reads an input file's header record (the first CSV record, after an
 * optional UTF-8 byte-order mark).
 *
 * @module
 */

import { fieldText } from "../csv/field.ts";
import { RecordScanner, ScanStatus } from "../csv/record_scanner.ts";
import { openFileRange, openGzip } from "../engine/byte_source.ts";

/** A file's header and where its data begins. */
export interface FileHeader {
  names: string[];
  /** Byte offset of the first data record (decompressed offset for gzip). */
  dataStart: number;
  /** Line feeds before `dataStart` (the header's lines). */
  headerNewlines: number;
}

const MAX_HEADER_FIELDS = 4096;

/**
 * Reads the header, or returns `undefined` for a file with no bytes (or only blank lines).
 *
 * @example
 * ```ts
 * import { readHeader } from "./header.ts";
 * // const header = await readHeader("data/raw_logs/app.csv", false, size, 1 << 20);
 * ```
 */
export async function readHeader(
  path: string,
  gzip: boolean,
  size: number,
  maxRecordBytes: number,
): Promise<FileHeader | undefined> {
  const source = gzip ? await openGzip(path, 0) : await openFileRange(path, 0, size);
  try {
    let buf = new Uint8Array(64 * 1024);
    let len = 0;
    let eof = false;
    const scanner = new RecordScanner(MAX_HEADER_FIELDS, maxRecordBytes);
    let headerNewlines = 0;
    for (;;) {
      while (!eof && len < buf.length) {
        const n = await source.read(buf.subarray(len));
        if (n === null) eof = true;
        else len += n;
      }
      const bom = len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      let pos = bom;
      headerNewlines = 0;
      let status: number;
      for (;;) {
        scanner.reset(buf, pos, len, eof, Infinity);
        status = scanner.next();
        if (status !== ScanStatus.BLANK) break;
        headerNewlines += scanner.newlines; // blank lines before the header are skipped
        pos = scanner.recordEnd;
      }
      if (status === ScanStatus.END) return undefined;
      if (status === ScanStatus.NEED_MORE) {
        if (len >= maxRecordBytes) throw new Error(`header longer than ${maxRecordBytes} bytes`);
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf.subarray(0, len));
        buf = bigger;
        continue;
      }
      if (status !== ScanStatus.RECORD) throw new Error("header row is not valid CSV");
      if (scanner.fieldCount > MAX_HEADER_FIELDS) {
        throw new Error(`header has more than ${MAX_HEADER_FIELDS} columns`);
      }
      const names: string[] = [];
      for (let i = 0; i < scanner.fieldCount; i++) {
        names.push(fieldText(buf, scanner.starts[i], scanner.ends[i], scanner.quoting[i]).trim());
      }
      return {
        names,
        dataStart: scanner.recordEnd,
        headerNewlines: headerNewlines + scanner.newlines,
      };
    }
  } finally {
    source.close();
  }
}
