/**
 * The bundled sample (data/raw_logs) through the pipeline, checked against
 * csv-parse reading the same files: every record accounted for, and the
 * rejected rows are exactly the records csv-parse sees with a wrong field
 * count or the generator's bad timestamps.
 */

import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { readCsv, runPipeline, workspaceConfig } from "./harness.ts";

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data", "raw_logs");

/** Records of a sample file per csv-parse, with the line each starts on. */
function oracleRecords(name: string): { line: number; fields: string[] }[] {
  let bytes: Uint8Array = Deno.readFileSync(join(SAMPLE, name));
  if (name.endsWith(".gz")) bytes = gunzipSync(bytes);
  const records = parse(new TextDecoder().decode(bytes), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines - (record.join(",").split("\n").length - 1),
    fields: record,
  }));
}

Deno.test("sample: every record is accepted or rejected, as an independent reader sees them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-sample-" });
  const config = workspaceConfig(dir, [SAMPLE]);
  const { summary } = await runPipeline(config);
  const rejected = await readCsv(join(config.output.reports_dir, "rejected.csv"));

  let records = 0;
  for (const file of summary.files) {
    const name = file.file.split("/").pop()!;
    const oracle = oracleRecords(name);
    const bad = oracle.filter((r) => r.fields.length !== 6 || r.fields[0].startsWith("not-a-time"));
    assert.equal(file.records, oracle.length, name);
    assert.equal(file.rejected, bad.length, name);
    assert.equal(file.accepted + file.rejected, file.records, name);
    assert.deepEqual(
      rejected.filter((r) => r.file.endsWith(name)).map((r) => Number(r.line)),
      bad.map((r) => r.line),
      name,
    );
    records += oracle.length;
  }
  assert.equal(summary.files.length, 3);
  assert.equal(summary.records, records);
  assert.ok(summary.rejected_rows > 0, "the sample has bad rows");
  assert.equal(summary.total_rows + summary.rejected_rows, records);
  await Deno.remove(dir, { recursive: true });
});
