/**
 * Crash safety, with the real pipeline task: SIGKILL at 20 moments spread
 * over a run (seeded, so a failure replays). After every kill the previous
 * reports and the store are readable and consistent — no report half
 * written, no temp file a reader would pick up, SQLite's integrity check
 * passes — and the next, uninterrupted run produces the same reports as a
 * run that was never killed. Also: re-running on unchanged input gives
 * byte-identical reports (apart from summary.json's timing fields).
 */

import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parse } from "csv-parse/sync";
import { writeCsv } from "../../lib/gen/write.ts";
import { runTask, taskArgs } from "../tasks/run_task.ts";

const KILLS = 20;
/** summary.json fields that describe the run rather than the data. */
const RUN_FIELDS = ["run_id", "generated_at", "last_run"];

async function workspace(input: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-crash-" });
  await Deno.mkdir(join(dir, "data", "raw_logs"), { recursive: true });
  await Deno.mkdir(join(dir, "config"));
  await Deno.copyFile(input, join(dir, "data", "raw_logs", "app.csv"));
  // Small partitions: many merges in flight, so kills land mid-scan as well as mid-write.
  await Deno.writeTextFile(join(dir, "config", "config.yaml"), "engine:\n  partition_mb: 2\n");
  return dir;
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (at: string) => {
    for await (const entry of Deno.readDir(at)) {
      const path = join(at, entry.name);
      if (entry.isDirectory) await walk(path);
      else files.push(relative(dir, path));
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files.sort();
}

/** The reports as comparable text: run-describing fields and alert times masked. */
async function reportTexts(dir: string): Promise<Record<string, string>> {
  const reports = join(dir, "reports");
  const texts: Record<string, string> = {};
  for (const file of await listFiles(reports)) {
    let text = await Deno.readTextFile(join(reports, file));
    if (file.endsWith("summary.json")) {
      const summary = JSON.parse(text);
      for (const field of RUN_FIELDS) delete summary[field];
      text = JSON.stringify(summary, null, 1);
    }
    if (file === "alerts.log") text = text.replace(/^\[[^\]]+\]/gm, "[time]");
    texts[file] = text;
  }
  return texts;
}

/** Every report present parses whole; no temp file is left where readers look. */
async function assertReadable(dir: string, moment: string): Promise<void> {
  for (const file of await listFiles(join(dir, "reports"))) {
    if (/\.\d+\.tmp$/.test(file)) continue; // a killed write's temp file: no reader opens it
    const text = await Deno.readTextFile(join(dir, "reports", file));
    if (file.endsWith(".json")) JSON.parse(text);
    else if (file.endsWith(".csv")) {
      const rows = parse(text) as string[][];
      assert.ok(rows.length >= 1, `${moment}: ${file} has no header`);
      assert.ok(rows.every((row) => row.length === rows[0].length), `${moment}: ${file} ragged`);
    }
  }
  const storePath = join(dir, "data", "state", "logpulse.db");
  try {
    await Deno.stat(storePath);
  } catch {
    return; // killed before the store was first created
  }
  const db = new DatabaseSync(storePath, { readOnly: true });
  try {
    const check = db.prepare("PRAGMA integrity_check").get() as Record<string, string>;
    assert.equal(Object.values(check)[0], "ok", `${moment}: store integrity`);
    db.prepare("SELECT count(*) FROM meta").get();
  } finally {
    db.close();
  }
}

/** Runs the pipeline task in `cwd` and SIGKILLs it after `delay` ms (if still running). */
async function killPipelineAfter(cwd: string, delay: number): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: taskArgs("pipeline"),
    cwd,
    stdout: "null",
    stderr: "null",
    env: { NO_COLOR: "1" },
  }).spawn();
  await new Promise((resolve) => setTimeout(resolve, delay));
  try {
    child.kill("SIGKILL");
  } catch {
    // already finished
  }
  await child.status;
}

/** After a kill: everything is readable, and the next run gives the expected reports. */
async function assertRecovers(
  dir: string,
  moment: string,
  expected: Record<string, string>,
): Promise<void> {
  await assertReadable(dir, moment);
  const rerun = await runTask("pipeline", dir);
  assert.equal(rerun.code, 0, `${moment}: the next run failed\n${rerun.stderr}`);
  assert.deepEqual(await reportTexts(dir), expected, `${moment}: reports differ`);
}

Deno.test("crash safety: SIGKILL at 20 moments never corrupts; the next run equals an uninterrupted one", async () => {
  const source = await Deno.makeTempFile({ prefix: "logpulse-crash-", suffix: ".csv" });
  await writeCsv(source, {
    rows: 120_000,
    seed: 11,
    mixed: true,
    startMs: Date.UTC(2024, 0, 15),
    days: 2,
  });
  const reference = await workspace(source);
  const crashed = await workspace(source);
  try {
    const began = performance.now();
    const first = await runTask("pipeline", reference);
    const runMs = performance.now() - began;
    assert.equal(first.code, 0, first.stderr);
    const expected = await reportTexts(reference);
    assert.ok(Object.keys(expected).length >= 10, "the reference run wrote every report");

    // Byte-identical re-run on unchanged input.
    assert.equal((await runTask("pipeline", reference)).code, 0);
    assert.deepEqual(await reportTexts(reference), expected, "a re-run changed a report");

    let seed = 20241115;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let kill = 0; kill < KILLS; kill++) {
      // Spread the moments over the whole run, start-up to the last rename.
      const delay = Math.floor(((kill + random()) / KILLS) * runMs * 1.1);
      await killPipelineAfter(crashed, delay);
      const moment = `kill ${kill + 1} at ${delay} ms`;
      await assertRecovers(crashed, moment, expected);
      const leftovers = [
        ...await listFiles(join(crashed, "reports")),
        ...await listFiles(join(crashed, "data")),
      ]
        .filter((file) => file.endsWith(".tmp"));
      assert.deepEqual(leftovers, [], `${moment}: the next run removes killed runs' temp files`);
    }
  } finally {
    for (const dir of [reference, crashed]) await Deno.remove(dir, { recursive: true });
    await Deno.remove(source);
  }
});

Deno.test("crash safety: SIGKILL during an incremental run; the next run equals a full rebuild", async () => {
  const source = await Deno.makeTempFile({ prefix: "logpulse-crash-inc-", suffix: ".csv" });
  await writeCsv(source, {
    rows: 80_000,
    seed: 12,
    mixed: true,
    startMs: Date.UTC(2024, 0, 15),
    days: 2,
  });
  const bytes = await Deno.readFile(source);
  // Cut after a line feed near the middle: the first run counts the head, the rest is appended.
  const cut = bytes.indexOf(10, bytes.length >> 1) + 1;
  const reference = await workspace(source);
  const crashed = await workspace(source);
  const input = join(crashed, "data", "raw_logs", "app.csv");
  const saved = join(crashed, "saved");
  const copy = async (from: string, to: string) => {
    await Deno.remove(to, { recursive: true }).catch(() => {});
    const done = await new Deno.Command("cp", { args: ["-a", from, to] }).output();
    assert.equal(done.code, 0);
  };
  try {
    assert.equal((await runTask("pipeline", reference)).code, 0);
    const expected = await reportTexts(reference);

    await Deno.writeFile(input, bytes.subarray(0, cut));
    assert.equal((await runTask("pipeline", crashed)).code, 0);
    await Deno.mkdir(saved);
    await copy(join(crashed, "data", "state"), join(saved, "state"));
    await copy(join(crashed, "reports"), join(saved, "reports"));
    await Deno.writeFile(input, bytes.subarray(cut), { append: true });
    const began = performance.now();
    assert.equal((await runTask("pipeline", crashed)).code, 0);
    const runMs = performance.now() - began;
    assert.deepEqual(await reportTexts(crashed), expected, "incremental equals full");

    const kills = 8;
    for (let kill = 0; kill < kills; kill++) {
      // Back to the state after the first half; the second half is already appended.
      await copy(join(saved, "state"), join(crashed, "data", "state"));
      await copy(join(saved, "reports"), join(crashed, "reports"));
      const delay = Math.floor(((kill + 0.5) / kills) * runMs);
      await killPipelineAfter(crashed, delay);
      const moment = `incremental kill ${kill + 1} at ${delay} ms`;
      await assertRecovers(crashed, moment, expected);
    }
  } finally {
    for (const dir of [reference, crashed]) await Deno.remove(dir, { recursive: true });
    await Deno.remove(source);
  }
});
