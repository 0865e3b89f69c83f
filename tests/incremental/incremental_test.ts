/**
 * Incremental runs: append, rotation (rename, then gzip), truncation, a
 * partial last line and a rewritten file each leave the reports equal to a
 * `--full` rebuild of the same files, and only new bytes are read.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { Config } from "../../lib/config/schema.ts";
import type { SummaryFile } from "../../lib/analytics/reports.ts";
import {
  gzipFile,
  readJson,
  reportSnapshot,
  runPipeline,
  workspaceConfig,
} from "../e2e/harness.ts";

const HEADER = "timestamp,log_level,message,ip,service,endpoint\n";
const LEVELS = ["INFO", "INFO", "WARN", "ERROR", "INFO", "CRITICAL", "DEBUG"];
const MESSAGES = [
  "User 42 logged in",
  "Connection refused to db-7:5432",
  '"Timeout after 30 ms, retrying\nonce"',
  "Disk full on /var/data",
  "NullPointerException in OrderService",
];

/** `count` rows from row number `from`: times one minute apart, a bad row every 97th. */
function rows(from: number, count: number): string {
  let text = "";
  for (let i = from; i < from + count; i++) {
    const ts = new Date(Date.UTC(2024, 0, 15) + i * 60_000).toISOString().replace("T", " ")
      .slice(0, 19);
    if (i % 97 === 0) {
      text += `${ts},ERROR,only four,fields\n`;
      continue;
    }
    text += `${ts},${LEVELS[i % LEVELS.length]},${MESSAGES[i % MESSAGES.length]},10.0.0.${
      i % 13
    },svc-${i % 4},/api/${i % 5}\n`;
  }
  return text;
}

async function setup(): Promise<{ dir: string; input: string; config: Config }> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-incremental-" });
  const input = join(dir, "in");
  await Deno.mkdir(input);
  // Alert rules tight enough for these few rows, so alerts.log has events to compare.
  const config = workspaceConfig(dir, [input], (c) => {
    c.alerts.window_minutes = 10;
    c.alerts.min_rows = 5;
    c.alerts.error_rate_threshold = 0.3;
    c.alerts.critical_error_threshold = 1;
    c.alerts.repeat_minutes = 30;
    c.alerts.for_minutes = 1;
  });
  return { dir, input, config };
}

async function summaryOf(config: Config): Promise<SummaryFile> {
  return await readJson<SummaryFile>(join(config.output.reports_dir, "json/summary.json"));
}

/** The reports and alerts.log, for equality checks. */
async function outputs(config: Config): Promise<Record<string, string>> {
  const reports = config.output.reports_dir;
  return {
    ...await reportSnapshot(reports),
    "alerts.log": await Deno.readTextFile(join(reports, "alerts.log")),
  };
}

/** Runs incrementally, then `--full`, and asserts the outputs are equal; returns the summary. */
async function assertEqualsFull(config: Config): Promise<SummaryFile> {
  await runPipeline(config);
  const incremental = await outputs(config);
  assert.match(incremental["alerts.log"], /\[RESOLVED\]/, "the scenario produces alert events");
  const summary = await summaryOf(config);
  await runPipeline(config, { full: true });
  assert.equal((await summaryOf(config)).last_run.mode, "full");
  assert.deepEqual(await outputs(config), incremental);
  return summary;
}

Deno.test("incremental: appended bytes and a new file are read once; equals --full", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    await Deno.writeTextFile(app, HEADER + rows(0, 1000));
    await runPipeline(config);
    const first = await summaryOf(config);
    assert.equal(first.last_run.mode, "full");
    assert.equal(first.records, 1000);

    await Deno.writeTextFile(app, rows(1000, 500), { append: true });
    await Deno.writeTextFile(join(input, "web.csv"), HEADER + rows(5000, 300));
    await runPipeline(config);
    const second = await summaryOf(config);
    assert.equal(second.last_run.mode, "incremental");
    assert.equal(second.last_run.records_scanned, 800, "only the new rows were read");
    assert.equal(second.records, 1800);

    // Nothing new: nothing read, nothing changes.
    const before = await reportSnapshot(config.output.reports_dir);
    await runPipeline(config);
    assert.equal((await summaryOf(config)).last_run.records_scanned, 0);
    assert.deepEqual(await reportSnapshot(config.output.reports_dir), before);

    const summary = await assertEqualsFull(config);
    assert.equal(summary.records, 1800);
    assert.equal(summary.rejected_rows, summary.records - summary.total_rows);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: a last line without its line feed waits for the next run", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    const complete = HEADER + rows(0, 200);
    const line = rows(200, 1);
    // Half a line: "...,ERR" would be counted as a bad level if read now.
    await Deno.writeTextFile(app, complete + line.slice(0, 25));
    await runPipeline(config);
    let summary = await summaryOf(config);
    assert.equal(summary.records, 200);
    assert.equal(summary.files[0].pending_bytes, 25);

    await Deno.writeTextFile(app, line.slice(25) + rows(201, 10), { append: true });
    await runPipeline(config);
    summary = await summaryOf(config);
    assert.equal(summary.records, 211);
    assert.equal(summary.files[0].pending_bytes, 0);
    assert.equal(summary.last_run.records_scanned, 11);

    // A file left alone past input.settle_seconds is finished: its last line counts as is.
    await Deno.writeTextFile(app, rows(211, 1).slice(0, -1), { append: true });
    await runPipeline(config);
    assert.equal((await summaryOf(config)).records, 211);
    await runPipeline(config, { now: Date.now() + 61_000 });
    assert.equal((await summaryOf(config)).records, 212);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: rotation by rename, then gzip, is not counted again; equals --full", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    await Deno.writeTextFile(app, HEADER + rows(0, 600));
    await runPipeline(config);

    // Lines written just before rotation, then logrotate renames and a new file starts.
    await Deno.writeTextFile(app, rows(600, 50), { append: true });
    await Deno.rename(app, join(input, "app.csv.1"));
    await Deno.writeTextFile(app, HEADER + rows(650, 100));
    await runPipeline(config);
    let summary = await summaryOf(config);
    assert.equal(
      summary.last_run.records_scanned,
      150,
      "the rotated file's old bytes were skipped",
    );
    assert.equal(summary.records, 750);
    assert.deepEqual(summary.files.map((f) => f.file).sort(), [
      join(input, "app.csv"),
      join(input, "app.csv.1"),
    ]);

    // Compressed later (delaycompress): same data under a new inode and new bytes.
    await gzipFile(join(input, "app.csv.1"), join(input, "app.csv.1.gz"));
    await Deno.remove(join(input, "app.csv.1"));
    await Deno.writeTextFile(app, rows(750, 40), { append: true });
    await runPipeline(config);
    summary = await summaryOf(config);
    assert.equal(summary.records, 790);
    assert.equal(summary.last_run.records_scanned, 40);

    // The rejected rows of the rotated file carry its current name, as a full run would.
    summary = await assertEqualsFull(config);
    assert.equal(summary.records, 790);
    assert.ok(summary.files.every((f) => f.status === "ok"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: copytruncate rotation: the copy continues, the truncated file starts over", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    await Deno.writeTextFile(app, HEADER + rows(0, 400));
    await runPipeline(config);
    await Deno.writeTextFile(app, rows(400, 30), { append: true });
    await Deno.copyFile(app, join(input, "app.csv.1"));
    await Deno.truncate(app, 0);
    await Deno.writeTextFile(app, HEADER + rows(430, 20), { append: true });
    await runPipeline(config);
    const summary = await summaryOf(config);
    assert.equal(summary.last_run.mode, "incremental");
    assert.equal(summary.last_run.records_scanned, 50);
    assert.equal((await assertEqualsFull(config)).records, 450);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: a file truncated or rewritten in place is detected and rebuilt", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    const other = join(input, "other.csv");
    await Deno.writeTextFile(app, HEADER + rows(0, 500));
    await Deno.writeTextFile(other, HEADER + rows(2000, 100));
    await runPipeline(config);

    // Truncated to fewer rows (same inode): its old counts must go.
    await Deno.writeTextFile(app, HEADER + rows(0, 120));
    let run = await runPipeline(config);
    assert.ok(run.out.notes.some((note) => /app\.csv: truncated or rewritten/.test(note)));
    let summary = await summaryOf(config);
    assert.equal(summary.last_run.mode, "full");
    assert.equal(summary.records, 220);

    // Rewritten with other content of a greater length: the first bytes differ.
    await Deno.writeTextFile(app, HEADER + rows(3000, 700));
    run = await runPipeline(config);
    assert.ok(run.out.notes.some((note) => /its first bytes changed/.test(note)));
    summary = await assertEqualsFull(config);
    assert.equal(summary.records, 800);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: a vanished file keeps its counts, marked gone", async () => {
  const { dir, input, config } = await setup();
  try {
    await Deno.writeTextFile(join(input, "old.csv"), HEADER + rows(0, 100));
    await Deno.writeTextFile(join(input, "app.csv"), HEADER + rows(100, 50));
    await runPipeline(config);
    await Deno.remove(join(input, "old.csv"));
    await runPipeline(config);
    const summary = await summaryOf(config);
    assert.equal(summary.records, 150);
    assert.deepEqual(
      summary.files.map((f) => [f.file.slice(input.length + 1), f.status]),
      [["app.csv", "ok"], ["old.csv", "gone"]],
    );
    // --full rebuilds from the files present: the vanished file's rows leave.
    await runPipeline(config, { full: true });
    assert.equal((await summaryOf(config)).records, 50);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: a change in what is counted (error levels, time zone…) rebuilds", async () => {
  const { dir, input, config } = await setup();
  try {
    await Deno.writeTextFile(join(input, "app.csv"), HEADER + rows(0, 300));
    await runPipeline(config);
    config.analytics.error_levels = ["WARN", "ERROR", "CRITICAL"];
    const run = await runPipeline(config);
    assert.ok(
      run.out.notes.some((note) => /settings .* changed .*\(analytics\.error_levels\)/.test(note)),
      run.out.notes.join("\n"),
    );
    const summary = await summaryOf(config);
    assert.equal(summary.last_run.mode, "full");
    assert.deepEqual(summary.error_levels, ["WARN", "ERROR", "CRITICAL"]);
    // The same settings again: incremental.
    await runPipeline(config);
    assert.equal((await summaryOf(config)).last_run.mode, "incremental");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: compression in progress (original still there) is not counted twice", async () => {
  const { dir, input, config } = await setup();
  try {
    const rotated = join(input, "app.csv.1");
    await Deno.writeTextFile(rotated, HEADER + rows(0, 400));
    await runPipeline(config);
    // logrotate's compress: the .gz is written while app.csv.1 still exists…
    await gzipFile(rotated, join(input, "app.csv.1.gz"));
    const during = await runPipeline(config);
    assert.ok(
      during.out.notes.some((note) => /app\.csv\.1\.gz: starts with the counted bytes/.test(note)),
    );
    assert.equal((await summaryOf(config)).records, 400);
    // …then the original is removed: the .gz takes over its checkpoint.
    await Deno.remove(rotated);
    await runPipeline(config);
    const summary = await summaryOf(config);
    assert.equal(summary.records, 400);
    assert.equal(summary.last_run.records_scanned, 0);
    assert.equal((await assertEqualsFull(config)).records, 400);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("incremental: a rotation that adds no bad rows still renames them in rejected.csv", async () => {
  const { dir, input, config } = await setup();
  try {
    const app = join(input, "app.csv");
    await Deno.writeTextFile(app, HEADER + rows(0, 300));
    await runPipeline(config);
    const before = await Deno.readTextFile(join(config.output.reports_dir, "rejected.csv"));
    assert.match(before, /^.*app\.csv,\d+,/m, "the file has rejected rows");

    // Renamed by logrotate; the new file has no bad row (row 388 is the next 97th).
    await Deno.rename(app, join(input, "app.csv.1"));
    await Deno.writeTextFile(app, HEADER + rows(300, 50));
    await runPipeline(config);
    const after = await Deno.readTextFile(join(config.output.reports_dir, "rejected.csv"));
    assert.doesNotMatch(after, /app\.csv,\d+,/, "no row keeps the old name");
    assert.equal(after.match(/app\.csv\.1,\d+,/g)?.length, before.match(/app\.csv,\d+,/g)?.length);
    await assertEqualsFull(config);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
