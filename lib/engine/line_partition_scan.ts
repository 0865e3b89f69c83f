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
import { PartitionReader } from "./partition_reader.ts";
import type { Rejection, ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";
import { REJECT_RAW_CHARS } from "./partition_scan.ts";
import { keepRowFolder, takeRowFolder } from "./folder_reuse.ts";
import { FoldOutcome } from "./row_folder.ts";

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
  const folder = takeRowFolder(settings);
  const rejections: Rejection[] = [];
  const counts = { records: 0, accepted: 0, rejected: 0, blankLines: 0, newlines: 0 };
  let pendingBytes = 0;
  const reader = await PartitionReader.open(job, new Uint8Array(CHUNK_BYTES));
  const reject = (reason: string, raw: string): void => {
    counts.rejected++;
    rejections.push({ lineOffset: counts.newlines, reason, raw: raw.slice(0, REJECT_RAW_CHARS) });
  };

  try {
    let pos = await reader.begin();
    const start = reader.offset + pos;
    for (;;) {
      if (reader.offset + pos >= job.end) break; // the next partition's line
      const buf = reader.buf;
      const len = reader.len;
      let lf = buf.subarray(pos, len).indexOf(LF);
      if (lf < 0 && !reader.eof) {
        if (pos > 0) reader.shift(pos);
        pos = 0;
        if (reader.len >= settings.maxRecordBytes) {
          // One huge line: reject it and skip to its end without holding it in memory.
          reject(
            `record longer than max_record_bytes (${settings.maxRecordBytes})`,
            decoder.decode(reader.buf.subarray(0, REJECT_RAW_CHARS * 4)),
          );
          counts.records++;
          for (;;) {
            const end = reader.buf.subarray(0, reader.len).indexOf(LF);
            if (end >= 0) {
              pos = end + 1;
              break;
            }
            reader.shift(reader.len);
            if (reader.eof) break;
            await reader.fill();
          }
          counts.newlines++;
          continue;
        }
        if (reader.len === reader.buf.length) {
          const grown = new Uint8Array(reader.buf.length * 2);
          grown.set(reader.buf.subarray(0, reader.len));
          reader.buf = grown;
        }
        await reader.fill();
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
      trueEnd: reader.offset + pos,
      ...counts,
      pendingBytes,
      partial: folder.finish(),
      rejections,
      readError: reader.readError,
    };
  } finally {
    reader.close();
    keepRowFolder(folder);
  }
}
