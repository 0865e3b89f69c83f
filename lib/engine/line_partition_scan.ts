/**
 * Scans one byte-range partition of a line-oriented log (JSON lines, access
 * log, syslog, logfmt, a configured pattern) into a partial aggregate. Every
 * line feed ends a record, so a partition aligns to the first line start at or
 * after its nominal start and owns the lines that start before its end.
 *
 * @module
 */

import type { CompiledLineFormat } from "../formats/spec.ts";
import type { TimestampContext } from "../time/timestamp.ts";
import { openFileRange, openGzip } from "./byte_source.ts";
import type { Rejection, ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";
import { REJECT_RAW_CHARS } from "./partition_scan.ts";
import { FoldOutcome, RowFolder } from "./row_folder.ts";

const LF = 10;
const CR = 13;
const CHUNK_BYTES = 1 << 20;
const decoder = new TextDecoder();

/**
 * Scans one partition of a line-format file.
 *
 * @example
 * ```ts
 * import { scanLinePartition } from "./line_partition_scan.ts";
 * // const result = await scanLinePartition(job, compiledFormat, settings, timeContext);
 * ```
 */
export async function scanLinePartition(
  job: ScanJob,
  format: CompiledLineFormat,
  settings: ScanSettings,
  time: TimestampContext,
): Promise<ScanResult> {
  const folder = new RowFolder(settings);
  const rejections: Rejection[] = [];
  const counts = { records: 0, accepted: 0, rejected: 0, blankLines: 0, newlines: 0 };
  let readError: string | undefined;
  let pendingBytes = 0;

  // Read one byte early so a start that is already a line start aligns to itself.
  const aligned = job.exact || job.start === 0;
  const readFrom = aligned ? job.start : job.start - 1;
  const source = job.gzip
    ? await openGzip(job.path, readFrom)
    : await openFileRange(job.path, readFrom, job.size);
  let buf = new Uint8Array(CHUNK_BYTES);
  let len = 0;
  let bufOffset = readFrom;
  let eof = false;
  const fill = async (): Promise<void> => {
    while (!eof && len < buf.length) {
      let n: number | null;
      try {
        n = await source.read(buf.subarray(len));
      } catch (error) {
        readError = error instanceof Error ? error.message : String(error);
        n = null;
      }
      if (n === null) eof = true;
      else len += n;
    }
  };
  /** Drops `buf[0, pos)`, keeping the rest at the front. */
  const shift = (pos: number): void => {
    buf.copyWithin(0, pos, len);
    len -= pos;
    bufOffset += pos;
  };
  const reject = (reason: string, raw: string): void => {
    counts.rejected++;
    rejections.push({ lineOffset: counts.newlines, reason, raw: raw.slice(0, REJECT_RAW_CHARS) });
  };

  try {
    await fill();
    let pos = 0;
    if (!aligned) {
      for (;;) {
        const lf = buf.subarray(0, len).indexOf(LF);
        if (lf >= 0) {
          pos = lf + 1;
          break;
        }
        if (eof) {
          pos = len;
          break;
        }
        shift(len);
        await fill();
      }
    }
    const start = bufOffset + pos;
    for (;;) {
      if (bufOffset + pos >= job.end) break; // the next partition's line
      let lf = buf.subarray(pos, len).indexOf(LF);
      if (lf < 0 && !eof) {
        if (pos > 0) shift(pos);
        pos = 0;
        if (len >= settings.maxRecordBytes) {
          // One huge line: reject it and skip to its end without holding it in memory.
          reject(
            `record longer than max_record_bytes (${settings.maxRecordBytes})`,
            decoder.decode(buf.subarray(0, REJECT_RAW_CHARS * 4)),
          );
          counts.records++;
          for (;;) {
            const end = buf.subarray(0, len).indexOf(LF);
            if (end >= 0) {
              pos = end + 1;
              break;
            }
            shift(len);
            if (eof) break;
            await fill();
          }
          counts.newlines++;
          continue;
        }
        if (len === buf.length) {
          const grown = new Uint8Array(buf.length * 2);
          grown.set(buf.subarray(0, len));
          buf = grown;
        }
        await fill();
        continue;
      }
      if (lf < 0) {
        if (pos >= len) break;
        if (job.holdTail) {
          // The file ends mid-line: it may still be being written.
          pendingBytes = len - pos;
          break;
        }
        lf = len - pos;
      }
      const lineEnd = pos + lf;
      let end = lineEnd;
      if (end > pos && buf[end - 1] === CR) end--;
      const line = decoder.decode(buf.subarray(pos, end));
      if (line.trim() === "") counts.blankLines++;
      else {
        counts.records++;
        const outcome = format.parse(line);
        if (!outcome.ok) reject(outcome.reason, line);
        else if (folder.foldLine(outcome.fields, format, time) === FoldOutcome.ACCEPTED) {
          counts.accepted++;
        } else {
          reject(`unparseable timestamp "${folder.lastBadTimestamp.slice(0, 60)}"`, line);
        }
      }
      if (lineEnd < len) counts.newlines++;
      pos = Math.min(lineEnd + 1, len);
    }
    return {
      start,
      trueEnd: bufOffset + pos,
      ...counts,
      pendingBytes,
      partial: folder.finish(),
      rejections,
      readError,
    };
  } finally {
    source.close();
  }
}
