/**
 * Every case of tests/fixtures/bad/ through the real pipeline task: each
 * gives a clear message naming the file (and line, for rows) and its
 * problem, everything else is still processed, nothing crashes, and every
 * file's records are accepted + rejected. A case is a folder with `input/`
 * (copied to data/raw_logs), an optional `config.yaml`, and `expected.json`.
 * Cases that cannot be committed (unreadable files, a line over 1 MiB, a
 * file growing during the run) are built here.
 */

import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { ROOT, runTask } from "../tasks/run_task.ts";
import type { TaskRun } from "../tasks/run_task.ts";

const CASES = join(ROOT, "tests", "fixtures", "bad");

interface FileExpectation {
  status: string;
  records?: number;
  accepted?: number;
  rejected?: number;
}

interface Expected {
  about: string;
  exit: number;
  stderr: string[];
  files: Record<string, FileExpectation> | null;
  rejected?: [string, number, string][];
  levels?: Record<string, number>;
  path_problems?: string[];
  report_contains?: Record<string, string>;
}

interface SummaryFile {
  file: string;
  status: string;
  records: number;
  accepted: number;
  rejected: number;
  problem: string | null;
}

/** A workspace with the shipped config (or the case's) and `input` as data/raw_logs. */
async function workspaceFor(caseDir: string | undefined): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-bad-" });
  await Deno.mkdir(join(dir, "data", "raw_logs"), { recursive: true });
  await Deno.mkdir(join(dir, "config"));
  await Deno.copyFile(join(ROOT, "config", "config.yaml"), join(dir, "config", "config.yaml"));
  if (caseDir) {
    await copyTree(join(caseDir, "input"), join(dir, "data", "raw_logs"));
    try {
      await Deno.copyFile(join(caseDir, "config.yaml"), join(dir, "config", "config.yaml"));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return dir;
}

async function copyTree(from: string, to: string): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(from));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return; // a case without input files
    throw error;
  }
  for (const entry of entries) {
    if (entry.isDirectory) {
      await Deno.mkdir(join(to, entry.name), { recursive: true });
      await copyTree(join(from, entry.name), join(to, entry.name));
    } else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

async function readSummary(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(join(dir, "reports", "json", "summary.json")));
}

/** Checks what every run must satisfy, then the case's expectations. */
async function check(name: string, dir: string, run: TaskRun, expected: Expected): Promise<void> {
  const context = `${name}: ${expected.about}\n--- stderr ---\n${run.stderr}`;
  assert.doesNotMatch(run.stderr, /internal error|Uncaught|at file:\/\//, context);
  assert.ok(!(run.stderr + run.stdout).includes("\u001b"), `${context}\n(no escape bytes)`);
  assert.equal(run.code, expected.exit, context);
  for (const fragment of expected.stderr) {
    assert.ok(run.stderr.includes(fragment), `${context}\n(wanted "${fragment}")`);
  }
  if (expected.files === null) return;

  const summary = await readSummary(dir);
  const files = summary.files as SummaryFile[];
  for (const file of files) {
    assert.equal(
      file.accepted + file.rejected,
      file.records,
      `${name}: ${file.file} does not balance`,
    );
  }
  const byName = new Map(files.map((file) => [basename(file.file), file]));
  assert.deepEqual([...byName.keys()].sort(), Object.keys(expected.files).sort(), context);
  for (const [fileName, want] of Object.entries(expected.files)) {
    const got = byName.get(fileName)!;
    if (want.status !== "*") assert.equal(got.status, want.status, `${name}: ${fileName} status`);
    for (const key of ["records", "accepted", "rejected"] as const) {
      if (want[key] !== undefined) assert.equal(got[key], want[key], `${name}: ${fileName} ${key}`);
    }
  }
  if (expected.rejected) {
    const rows = parse(await Deno.readTextFile(join(dir, "reports", "rejected.csv")), {
      columns: true,
    }) as { file: string; line: string; reason: string }[];
    assert.equal(rows.length, expected.rejected.length, `${name}: rejected rows`);
    expected.rejected.forEach(([file, line, reason], i) => {
      assert.equal(basename(rows[i].file), file);
      assert.equal(Number(rows[i].line), line, `${name}: line of ${reason}`);
      assert.ok(rows[i].reason.includes(reason), `${name}: "${rows[i].reason}" lacks "${reason}"`);
    });
  }
  for (const [level, count] of Object.entries(expected.levels ?? {})) {
    assert.equal((summary.levels as Record<string, number>)[level], count, `${name}: ${level}`);
  }
  for (const fragment of expected.path_problems ?? []) {
    const problems = summary.missing_paths as { problem: string }[];
    assert.ok(
      problems.some((p) => p.problem.includes(fragment)),
      `${name}: path problem ${fragment}`,
    );
  }
  for (const [report, fragment] of Object.entries(expected.report_contains ?? {})) {
    const text = await Deno.readTextFile(join(dir, "reports", report));
    assert.ok(text.includes(fragment), `${name}: ${report} lacks ${JSON.stringify(fragment)}`);
  }
}

const caseNames = (await Array.fromAsync(Deno.readDir(CASES)))
  .filter((entry) => entry.isDirectory)
  .map((entry) => entry.name)
  .sort();

Deno.test("the bad-input fixtures cover every case of the hardening list", () => {
  for (
    const required of [
      "empty_file",
      "header_only",
      "missing_columns",
      "directory_named_csv",
      "corrupt_gz",
      "truncated_gz",
      "not_utf8",
      "binary",
      "field_counts",
      "bad_timestamp",
      "empty_level",
      "nul_bytes",
      "unclosed_quote",
      "no_matching_files",
      "input_path_missing",
      "config_wrong_types",
      "config_bad_values",
      "config_empty",
    ]
  ) assert.ok(caseNames.includes(required), required);
});

for (const name of caseNames) {
  Deno.test(`bad input: ${name}`, async () => {
    const caseDir = join(CASES, name);
    const expected: Expected = JSON.parse(await Deno.readTextFile(join(caseDir, "expected.json")));
    const dir = await workspaceFor(caseDir);
    try {
      await check(name, dir, await runTask("pipeline", dir), expected);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

const HEADER = "timestamp,log_level,message,ip,service,endpoint\n";
const GOOD = `${HEADER}2024-01-15 10:00:00,INFO,ok,10.0.0.1,api,/a\n`;

Deno.test("bad input: unreadable files are refused by name; the rest still runs", async () => {
  const dir = await workspaceFor(undefined);
  try {
    const logs = join(dir, "data", "raw_logs");
    await Deno.writeTextFile(join(logs, "good.csv"), GOOD);
    await Deno.symlink(join(dir, "vanished.csv"), join(logs, "dangling.csv"));
    const expectedFiles: Record<string, FileExpectation> = {
      "dangling.csv": { status: "refused", records: 0 },
      "good.csv": { status: "ok", records: 1, accepted: 1, rejected: 0 },
    };
    const stderr = ["dangling.csv: refused: no such file or directory"];
    // File modes do not bind root; the dangling link covers that case everywhere.
    if (Deno.uid() !== 0) {
      await Deno.writeTextFile(join(logs, "locked.csv"), GOOD);
      await Deno.chmod(join(logs, "locked.csv"), 0o000);
      expectedFiles["locked.csv"] = { status: "refused", records: 0 };
      stderr.push("locked.csv: refused: permission denied");
    }
    const run = await runTask("pipeline", dir);
    await check("unreadable", dir, run, {
      about: "unreadable",
      exit: 0,
      stderr,
      files: expectedFiles,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad input: a line over 1 MiB is rejected alone", async () => {
  const dir = await workspaceFor(undefined);
  try {
    const long = `2024-01-15 10:00:00,ERROR,${"y".repeat((1 << 20) + 10)},10.0.0.1,api,/a\n`;
    await Deno.writeTextFile(
      join(dir, "data", "raw_logs", "long.csv"),
      `${GOOD}${long}2024-01-15 10:00:02,INFO,after,10.0.0.1,api,/a\n`,
    );
    const run = await runTask("pipeline", dir);
    await check("long_line", dir, run, {
      about: "a record longer than max_record_bytes",
      exit: 0,
      stderr: [],
      files: { "long.csv": { status: "ok", records: 3, accepted: 2, rejected: 1 } },
      rejected: [["long.csv", 3, "record longer than max_record_bytes (1048576)"]],
    });
    const rejected = await Deno.readTextFile(join(dir, "reports", "rejected.csv"));
    assert.ok(rejected.length < 2000, "the raw text of a rejected row is cut to 500 characters");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad input: a file growing during the run is read up to the size seen at ingest", async () => {
  const dir = await workspaceFor(undefined);
  try {
    const path = join(dir, "data", "raw_logs", "growing.csv");
    await Deno.writeTextFile(path, GOOD);
    assert.equal((await runTask("ingest", dir)).code, 0);
    // Rows appended after ingest planned the run, the last one cut mid-line.
    await Deno.writeTextFile(path, "2024-01-15 10:00:05,ERROR,late,10.0.0.9,api,/a\n2024-01-1", {
      append: true,
    });
    for (const stage of ["parse", "analytics", "alerts", "export"]) {
      const run = await runTask(stage, dir);
      assert.equal(run.code, 0, `${stage}: ${run.stderr}`);
    }
    const summary = await readSummary(dir);
    assert.equal(summary.records, 1);
    assert.equal(summary.total_rows, 1);
    assert.equal(summary.rejected_rows, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad input: an unreadable or missing config file exits 2 naming it", async () => {
  const dir = await workspaceFor(undefined);
  try {
    await Deno.writeTextFile(join(dir, "data", "raw_logs", "good.csv"), GOOD);
    const folder = await runTask("pipeline", dir, ["--config", "data"]);
    assert.equal(folder.code, 2, folder.stderr);
    assert.match(folder.stderr, /cannot read config data: is a directory/);
    const missing = await runTask("pipeline", dir, ["--config", "config/nope.yaml"]);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /cannot read config config\/nope\.yaml: not found/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
