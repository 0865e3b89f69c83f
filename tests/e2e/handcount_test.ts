/**
 * End to end on a fixture whose every report row was counted by hand
 * (tests/fixtures/handcount/README.md describes the files).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  gzipFile,
  readCsv,
  readJson,
  reportSnapshot,
  runPipeline,
  workspaceConfig,
} from "./harness.ts";

const FIXTURE = new URL("../fixtures/handcount/", import.meta.url).pathname;

async function workspace(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-handcount-" });
  await Deno.mkdir(join(dir, "in"));
  for (const name of ["app.csv", "more.csv", "no_level.csv"]) {
    await Deno.copyFile(join(FIXTURE, name), join(dir, "in", name));
    // Written long ago: more.csv's last line (no line feed) is final, not mid-write.
    await Deno.utime(join(dir, "in", name), 1_700_000_000, 1_700_000_000);
  }
  return dir;
}

Deno.test("pipeline: every report matches the hand count", async () => {
  const dir = await workspace();
  const config = workspaceConfig(dir, [join(dir, "in")], (c) => {
    c.alerts.window_minutes = 30;
    c.alerts.min_rows = 3;
    c.alerts.error_rate_threshold = 0.5; // must exceed: 2 of 4 does not
    c.alerts.error_count_threshold = 1;
    c.alerts.critical_error_threshold = 0;
    c.alerts.for_minutes = 5;
    c.alerts.repeat_minutes = 30;
  });
  const { summary, alerts, out } = await runPipeline(config);
  const reports = config.output.reports_dir;

  assert.deepEqual(await readCsv(join(reports, "csv/errors_by_type.csv")), [
    { error_type: "ConnectionError", count: "2", share: "0.222222" },
    { error_type: "PermissionDenied", count: "2", share: "0.222222" },
    { error_type: "Timeout", count: "2", share: "0.222222" },
    { error_type: "Disk full on volume data", count: "1", share: "0.111111" },
    { error_type: "NullPointerException", count: "1", share: "0.111111" },
    { error_type: 'Out of memory: "worker" killed', count: "1", share: "0.111111" },
  ]);
  assert.deepEqual(await readCsv(join(reports, "csv/errors_by_hour.csv")), [
    { hour: "2024-01-15T10:00:00Z", error_count: "3", total_count: "5", error_rate: "0.6" },
    { hour: "2024-01-15T11:00:00Z", error_count: "1", total_count: "3", error_rate: "0.333333" },
    { hour: "2024-01-16T09:00:00Z", error_count: "2", total_count: "5", error_rate: "0.4" },
    { hour: "2024-01-16T10:00:00Z", error_count: "3", total_count: "3", error_rate: "1" },
  ]);
  // Templates are mined over the masked messages: the miner takes a unit after a
  // number ("30 s") as part of the value, and "null" as a value.
  const top = await readCsv(join(reports, "csv/top_errors.csv"));
  assert.deepEqual(
    top.map((
      row,
    ) => [row.rank, row.error_type, row.template, row.count, row.first_seen, row.last_seen]),
    [
      [
        "1",
        "ConnectionError",
        "Connection refused to <*>",
        "2",
        "2024-01-15T10:10:00Z",
        "2024-01-15T10:20:00Z",
      ],
      [
        "2",
        "Timeout",
        "Request timed out after <*> <*>",
        "2",
        "2024-01-16T09:00:00Z",
        "2024-01-16T09:10:00Z",
      ],
      [
        "3",
        "NullPointerException",
        "java.lang.NullPointerException: <*> at Foo.bar",
        "1",
        "2024-01-15T10:45:00Z",
        "2024-01-15T10:45:00Z",
      ],
      [
        "4",
        "Disk full on volume data",
        "Disk full on volume data",
        "1",
        "2024-01-15T11:00:00Z",
        "2024-01-15T11:00:00Z",
      ],
      [
        "5",
        "PermissionDenied",
        "Permission denied for user bob",
        "1",
        "2024-01-16T10:00:00Z",
        "2024-01-16T10:00:00Z",
      ],
      [
        "6",
        'Out of memory: "worker" killed',
        'Out of memory: "worker" killed',
        "1",
        "2024-01-16T10:30:00Z",
        "2024-01-16T10:30:00Z",
      ],
      [
        "7",
        "PermissionDenied",
        "Permission denied for user carol",
        "1",
        "2024-01-16T10:30:00Z",
        "2024-01-16T10:30:00Z",
      ],
    ],
  );
  assert.equal(top[0].example, "Connection refused to 10.0.0.9:5432");
  assert.equal(top[5].example, 'Out of memory: "worker" killed');
  assert.deepEqual(await readCsv(join(reports, "csv/errors_per_ip.csv")), [
    { ip: "10.0.0.2", error_count: "3", total_count: "4", error_rate: "0.75" },
    { ip: "10.0.0.1", error_count: "2", total_count: "4", error_rate: "0.5" },
    { ip: "10.0.0.5", error_count: "2", total_count: "3", error_rate: "0.666667" },
    { ip: "10.0.0.3", error_count: "1", total_count: "2", error_rate: "0.5" },
    { ip: "(none)", error_count: "1", total_count: "1", error_rate: "1" },
    { ip: "10.0.0.4", error_count: "0", total_count: "2", error_rate: "0" },
  ]);
  assert.deepEqual(await readCsv(join(reports, "csv/errors_per_service.csv")), [
    { service: "api", error_count: "5", total_count: "6", error_rate: "0.833333" },
    { service: "auth", error_count: "3", total_count: "3", error_rate: "1" },
    { service: "db", error_count: "1", total_count: "3", error_rate: "0.333333" },
    { service: "web", error_count: "0", total_count: "3", error_rate: "0" },
    { service: "cache", error_count: "0", total_count: "1", error_rate: "0" },
  ]);
  assert.deepEqual(await readJson(join(reports, "json/error_trends.json")), [
    { time_window: "2024-01-15T10:00:00Z", error_count: 3, total_count: 5, error_rate: 0.6 },
    { time_window: "2024-01-15T11:00:00Z", error_count: 1, total_count: 3, error_rate: 0.333333 },
    { time_window: "2024-01-16T09:00:00Z", error_count: 2, total_count: 5, error_rate: 0.4 },
    { time_window: "2024-01-16T10:00:00Z", error_count: 3, total_count: 3, error_rate: 1 },
  ]);
  assert.deepEqual(await readJson(join(reports, "json/errors_by_day.json")), [
    { date: "2024-01-15", error_count: 4, total_count: 8 },
    { date: "2024-01-16", error_count: 5, total_count: 8 },
  ]);
  assert.deepEqual(await readJson(join(reports, "json/errors_by_severity.json")), [
    { severity: 5, log_level: "CRITICAL", count: 3, share: 0.1875 },
    { severity: 4, log_level: "ERROR", count: 6, share: 0.375 },
    { severity: 3, log_level: "WARN", count: 2, share: 0.125 },
    { severity: 2, log_level: "INFO", count: 3, share: 0.1875 },
    { severity: 1, log_level: "DEBUG", count: 1, share: 0.0625 },
    { severity: 0, log_level: "UNKNOWN", count: 1, share: 0.0625 },
  ]);
  assert.deepEqual(await readCsv(join(reports, "rejected.csv")), [
    {
      file: join(dir, "in", "app.csv"),
      line: "11",
      reason: 'unparseable timestamp "bad-timestamp"',
      raw: "bad-timestamp,ERROR,this row is rejected,10.0.0.1,api,/users",
    },
    {
      file: join(dir, "in", "app.csv"),
      line: "12",
      reason: "expected 6 fields, found 4",
      raw: "2024-01-15 11:45:00,ERROR,only four fields,10.0.0.1",
    },
  ]);

  assert.equal(summary.records, 18);
  assert.equal(summary.total_rows, 16);
  assert.equal(summary.rejected_rows, 2);
  assert.equal(summary.blank_lines, 1);
  assert.equal(summary.error_count, 9);
  assert.equal(summary.critical_count, 3);
  assert.equal(summary.error_rate, 0.5625);
  assert.deepEqual(summary.levels, {
    DEBUG: 1,
    INFO: 3,
    WARN: 2,
    ERROR: 6,
    CRITICAL: 3,
    UNKNOWN: 1,
  });
  assert.deepEqual(summary.distinct, { ips: 6, services: 5, endpoints: 5, error_types: 6 });
  assert.deepEqual(summary.time_range, {
    first: "2024-01-15T10:05:00Z",
    last: "2024-01-16T10:30:00Z",
  });
  assert.deepEqual(
    summary.files.map((
      f,
    ) => [f.file.split("/").pop(), f.status, f.records, f.accepted, f.rejected, f.blank_lines]),
    [
      ["app.csv", "ok", 14, 12, 2, 0],
      ["more.csv", "ok", 4, 4, 0, 1],
      ["no_level.csv", "refused", 0, 0, 0, 0],
    ],
  );
  assert.match(
    summary.files[2].problem ?? "",
    /missing required columns timestamp, log_level, message; found columns: when, what/,
  );
  assert.ok(out.notes.some((note) => note.includes("no_level.csv") && note.includes("refused")));

  // Hand-stepped lifecycle over 30-minute windows (see the config above): the rate
  // rule's short episodes (10:35–10:39, 10:45–10:49) stay pending under for_minutes 5;
  // the rows at 2024-01-16 10:30 are in the newest minute, which is not judged yet.
  assert.deepEqual(alerts.active, []);
  const log = (await Deno.readTextFile(join(reports, "alerts.log"))).trimEnd().split("\n");
  assert.deepEqual(log, [
    "[2024-01-15 10:26:00] [HIGH] HIGH_ERROR_RATE: error rate 66.67% in the last 30 min (2 errors in 3 rows) exceeds 50.00%",
    "[2024-01-15 10:26:00] [MEDIUM] HIGH_ERROR_COUNT: 2 errors in the last 30 min exceed the threshold of 1",
    "[2024-01-15 10:31:00] [RESOLVED] HIGH_ERROR_RATE: resolved after 10 min; now error rate 50.00% in the last 30 min (2 errors in 4 rows)",
    "[2024-01-15 10:41:00] [RESOLVED] HIGH_ERROR_COUNT: resolved after 20 min; now 1 errors in the last 30 min",
    "[2024-01-15 10:51:00] [CRITICAL] CRITICAL_ERRORS: 1 critical errors in the last 30 min exceed the threshold of 0",
    "[2024-01-15 11:06:00] [MEDIUM] HIGH_ERROR_COUNT: 2 errors in the last 30 min exceed the threshold of 1",
    "[2024-01-15 11:16:00] [RESOLVED] HIGH_ERROR_COUNT: resolved after 15 min; now 1 errors in the last 30 min",
    "[2024-01-15 11:21:00] [CRITICAL] CRITICAL_ERRORS: still firing after 35 min: 1 critical errors in the last 30 min exceed the threshold of 0",
    "[2024-01-15 11:31:00] [RESOLVED] CRITICAL_ERRORS: resolved after 45 min; now 0 critical errors in the last 30 min",
    "[2024-01-16 09:16:00] [MEDIUM] HIGH_ERROR_COUNT: 2 errors in the last 30 min exceed the threshold of 1",
    "[2024-01-16 09:26:00] [HIGH] HIGH_ERROR_RATE: error rate 66.67% in the last 30 min (2 errors in 3 rows) exceeds 50.00%",
    "[2024-01-16 09:31:00] [RESOLVED] HIGH_ERROR_RATE: resolved after 10 min; now error rate 33.33% in the last 30 min (1 errors in 3 rows)",
    "[2024-01-16 09:31:00] [RESOLVED] HIGH_ERROR_COUNT: resolved after 20 min; now 1 errors in the last 30 min",
  ]);

  // Same data again: same reports, no alert written twice.
  const before = await reportSnapshot(reports);
  const again = await runPipeline(config);
  assert.equal(again.alerts.fresh.length, 0);
  assert.deepEqual(await reportSnapshot(reports), before);
  assert.equal(
    (await Deno.readTextFile(join(reports, "alerts.log"))).trimEnd().split("\n").length,
    13,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pipeline: a gzipped copy gives the same reports as the plain file", async () => {
  const dir = await workspace();
  const plain = workspaceConfig(dir, [join(dir, "in", "more.csv")]);
  await runPipeline(plain);
  const expected = await reportSnapshot(plain.output.reports_dir);

  const gz = join(dir, "gz");
  await Deno.mkdir(gz);
  await gzipFile(join(dir, "in", "more.csv"), join(gz, "more.csv.gz"));
  const zipped = workspaceConfig(join(dir, "z"), [gz]);
  const { summary } = await runPipeline(zipped);
  assert.equal(summary.total_rows, 4);
  const actual = await reportSnapshot(zipped.output.reports_dir);
  // summary.json names the file and its (compressed) size; everything else must match.
  delete actual["json/summary.json"];
  delete expected["json/summary.json"];
  assert.deepEqual(actual, expected);
  await Deno.remove(dir, { recursive: true });
});
