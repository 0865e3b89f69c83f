/**
 * The whole pipeline over the real logs in ../shared/datasets: the Apache
 * access log, auth.log (syslog) and the Zeek JSON lines detected from their
 * first lines; the 16 Loghub samples through `input.formats` rules including
 * `config/formats/<Name>.yaml`. Every line is a record; the only reject is
 * apache_access.log line 8899, whose user agent was cut off upstream (it has
 * no closing quote). Small partitions give the same reports as one partition
 * per file (line formats are partition-safe too).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SummaryFile } from "../../lib/analytics/reports.ts";
import { readCsv, readJson, reportSnapshot, runPipeline, workspaceConfig } from "../e2e/harness.ts";
import { LOGHUB_DATASETS } from "../../lib/templates/loghub.ts";
import { DATASETS, FORMAT_CONFIGS } from "./datasets.ts";

const LOGHUB = LOGHUB_DATASETS;

const data = (path: string) => fileURLToPath(new URL(path, DATASETS));

const INPUTS = [
  data("apache_access_semicomplete/apache_access.log"),
  data("syslog_auth_ec2/auth.log"),
  data("zeek_json_wrccdc2018/notice.json"),
  data("zeek_json_wrccdc2018/ssh.json"),
  data("zeek_json_wrccdc2018/syslog.json"),
  ...LOGHUB.map((name) => data(`loghub_2k/${name}/${name}_2k.log`)),
];

const LINES: Record<string, number> = {
  "apache_access.log": 10_000,
  "auth.log": 7_121,
  "notice.json": 207,
  "ssh.json": 22,
  "syslog.json": 2_378,
  ...Object.fromEntries(LOGHUB.map((name) => [`${name}_2k.log`, 2_000])),
};

async function run(dir: string, partitionMb: number) {
  const config = workspaceConfig(dir, INPUTS, (c) => {
    c.input.settle_seconds = 0;
    c.input.default_year = 2024;
    c.engine.partition_mb = partitionMb;
    c.input.formats = LOGHUB.map((name) => ({
      match: `${name}_2k.log`,
      include: fileURLToPath(new URL(`${name}.yaml`, FORMAT_CONFIGS)),
    }));
  });
  await runPipeline(config);
  return config;
}

Deno.test("real datasets: every line parses through the pipeline, one malformed access-log line aside", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-datasets-" });
  try {
    const config = await run(join(dir, "whole"), 32);
    const reports = config.output.reports_dir;
    const summary = await readJson<SummaryFile>(join(reports, "json/summary.json"));
    const byName = Object.fromEntries(
      summary.files.map((f) => [f.file.slice(f.file.lastIndexOf("/") + 1), f]),
    );
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(LINES).sort());
    for (const [name, lines] of Object.entries(LINES)) {
      const file = byName[name];
      assert.equal(file.status, "ok", `${name}: ${file.problem}`);
      assert.equal(file.records + file.blank_lines, lines, `${name}: every line accounted for`);
      assert.equal(file.rejected, name === "apache_access.log" ? 1 : 0, name);
    }
    const rejected = await readCsv(join(reports, "rejected.csv"));
    assert.deepEqual(rejected.map((r) => [r.file.slice(r.file.lastIndexOf("/") + 1), r.line]), [
      ["apache_access.log", "8899"],
    ]);
    assert.match(rejected[0].reason, /access log: user-agent has no closing quote/);

    // Levels come from each format: status classes, syslog keywords, Loghub level fields.
    assert.ok(summary.levels.ERROR > 0 && summary.levels.WARN > 0 && summary.levels.INFO > 0);
    assert.ok(summary.distinct.services > 30, "services from syslog apps and Loghub components");

    const cut = await run(join(dir, "cut"), 0.05);
    assert.deepEqual(
      await reportSnapshot(cut.output.reports_dir),
      await reportSnapshot(reports),
      "52 kB partitions give the same reports",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
