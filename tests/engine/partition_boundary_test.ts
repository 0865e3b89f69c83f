/**
 * Partition safety: cutting a file at ANY byte offset (and into partitions of
 * any size) never splits, drops or double-counts a record, even when quoted
 * fields hold line breaks, with CRLF, a BOM and no final newline.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { AggregateMerger } from "../../lib/aggregate/merge.ts";
import type { PartialAggregate } from "../../lib/aggregate/partial.ts";
import { scanPartition } from "../../lib/engine/partition_scan.ts";
import type { ScanJob, ScanResult, ScanSettings } from "../../lib/engine/partition_scan.ts";
import { partitionFile } from "../../lib/engine/plan.ts";
import type { Partition } from "../../lib/engine/plan.ts";
import { scanFileChain, wholeFile } from "../../lib/engine/run_scan.ts";
import type { FileChainOutcome, RejectedRow } from "../../lib/engine/run_scan.ts";
import { buildManifest } from "../../lib/input/manifest.ts";
import type { InputFile } from "../../lib/input/manifest.ts";
import { Level } from "../../lib/model/level.ts";
import { createZone } from "../../lib/time/zone.ts";
import { canonical } from "../aggregate/canonical.ts";

const settings: ScanSettings = {
  timezone: "UTC",
  maxRecordBytes: 1 << 20,
  errorLevels: [Level.ERROR, Level.CRITICAL],
  rules: [{ name: "Timeout", pattern: "timed out", flags: "i" }],
};
const time = { zone: createZone("UTC"), defaultYear: 2024 };

const TEXT = "\uFEFFtimestamp,log_level,message,ip,service\r\n" +
  '2024-01-15 10:00:00,ERROR,"first line\nsecond, line\n2024-01-15 10:00:01,INFO,looks like a row",10.0.0.1,api\r\n' +
  "2024-01-15 10:00:02,INFO,plain,10.0.0.2,web\r\n" +
  '2024-01-15 10:00:03,ERROR,"quote ""inside"" and\r\nCRLF inside",10.0.0.1,api\r\n' +
  "\r\n" +
  "not-a-time,INFO,rejected row,10.0.0.3,db\r\n" +
  '2024-01-15 11:00:00,CRITICAL,"timed out\n\n\nafter blank lines in quotes",10.0.0.3,db\r\n' +
  "2024-01-15 11:00:01,WARN,too,many,fields,here\r\n" +
  '2024-01-15 11:00:02,ERROR,"Timed out, again",10.0.0.2,web';

const dir = await Deno.makeTempDir({ prefix: "logpulse-partition-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

async function fixture(): Promise<InputFile> {
  const path = join(dir, "quoted.csv");
  await Deno.writeTextFile(path, TEXT);
  const manifest = await buildManifest({
    paths: [path],
    defaultYear: 2024,
    maxRecordBytes: 1 << 20,
  });
  return manifest.files[0];
}

function job(file: InputFile, partition: Pick<Partition, "start" | "end" | "exact">): ScanJob {
  return {
    path: file.path,
    gzip: false,
    size: file.size,
    start: partition.start,
    end: partition.end,
    exact: partition.exact,
    holdTail: false,
    format: null,
    columns: file.columns,
    defaultYear: 2024,
  };
}

async function chain(
  file: InputFile,
  partitions: Pick<Partition, "start" | "end" | "exact">[],
): Promise<FileChainOutcome & { partial: PartialAggregate; rejected: RejectedRow[] }> {
  const scan = (p: Pick<Partition, "start" | "end" | "exact">): Promise<ScanResult> =>
    scanPartition(job(file, p), settings, time);
  const merger = new AggregateMerger();
  const rejected: RejectedRow[] = [];
  const outcome = await scanFileChain(
    wholeFile(file),
    partitions.map((p) => ({ partition: { file: 0, ...p }, result: scan(p) })),
    (start, end) => scan({ start, end, exact: true }),
    merger,
    (row) => rejected.push(row),
  );
  return { ...outcome, partial: merger.result(), rejected };
}

function comparable(
  outcome: FileChainOutcome & { partial: PartialAggregate; rejected: RejectedRow[] },
) {
  const { records, accepted, rejected, blankLines } = outcome.scan;
  return {
    counts: { records, accepted, rejected, blankLines },
    rejected: outcome.rejected.map((r) => `${r.line}:${r.reason}`),
    aggregate: canonical(outcome.partial),
  };
}

Deno.test("partitions: the single-partition scan matches the hand count", async () => {
  const file = await fixture();
  const whole = comparable(
    await chain(file, [{ start: file.dataStart, end: file.size, exact: true }]),
  );
  assert.deepEqual(whole.counts, { records: 7, accepted: 5, rejected: 2, blankLines: 1 });
  assert.deepEqual(whole.rejected, [
    '9:unparseable timestamp "not-a-time"',
    "14:expected 5 fields, found 6",
  ]);
  assert.deepEqual(whole.aggregate.levels, [
    "473698|1|1",
    "473698|3|2",
    "473699|3|1",
    "473699|4|1",
  ]);
});

Deno.test("partitions: a cut at every byte offset gives the same result", async () => {
  const file = await fixture();
  const expected = comparable(
    await chain(file, [{ start: file.dataStart, end: file.size, exact: true }]),
  );
  for (let cut = file.dataStart + 1; cut < file.size; cut++) {
    const actual = comparable(
      await chain(file, [
        { start: file.dataStart, end: cut, exact: true },
        { start: cut, end: file.size, exact: false },
      ]),
    );
    assert.deepEqual(actual, expected, `cut at byte ${cut}`);
  }
});

Deno.test("partitions: every partition size gives the same result", async () => {
  const file = await fixture();
  const expected = comparable(
    await chain(file, [{ start: file.dataStart, end: file.size, exact: true }]),
  );
  for (let size = 1; size <= file.size - file.dataStart; size++) {
    const actual = comparable(await chain(file, partitionFile(file, 0, size)));
    assert.deepEqual(actual, expected, `partition size ${size}`);
  }
});
