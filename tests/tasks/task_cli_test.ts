/**
 * The tasks as users run them: the exact `deno run` command lines of
 * deno.json (so their narrow permissions are what is tested), in a scratch
 * working directory. Covers --help, stage order (exit 2 naming the task to
 * run first), stage-by-stage equals pipeline, no input (exit 3), bad config
 * and flags (exit 2), and writes outside the output folders being refused.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { reportSnapshot } from "../e2e/harness.ts";
import { runTask, workspace } from "./run_task.ts";

Deno.test("tasks: --help prints usage and exits 0", async () => {
  const dir = await Deno.makeTempDir();
  for (const name of ["pipeline", "ingest", "parse", "analytics", "alerts", "export", "gen"]) {
    const run = await runTask(name, dir, ["--help"]);
    assert.equal(run.code, 0, `${name}: ${run.stderr}`);
    assert.match(run.stdout, new RegExp(`^Usage: deno task ${name} \\[options\\]`));
    assert.match(run.stdout, /--config PATH/);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("tasks: each stage names the task to run first, then stage by stage equals pipeline", async () => {
  const dir = await workspace();
  for (
    const [stage, before] of [
      ["parse", "ingest"],
      ["analytics", "parse"],
      ["alerts", "parse"],
      ["export", "parse"],
    ]
  ) {
    const run = await runTask(stage, dir);
    assert.equal(run.code, 2, `${stage}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`run \`deno task ${before}\` first`), stage);
  }
  for (const stage of ["ingest", "parse", "analytics", "alerts", "export"]) {
    // Not ready until the stage before it has run on this parse.
    const early = stage === "analytics" ? "alerts" : stage === "alerts" ? "export" : undefined;
    if (early) {
      const run = await runTask(early, dir);
      assert.equal(run.code, 2, `${early} before ${stage}: ${run.stderr}`);
    }
    const run = await runTask(stage, dir);
    assert.equal(run.code, 0, `${stage}: ${run.stderr}`);
  }
  const staged = await reportSnapshot(join(dir, "reports"));

  await Deno.remove(join(dir, "reports"), { recursive: true });
  await Deno.remove(join(dir, "data", "state"), { recursive: true });
  const pipeline = await runTask("pipeline", dir);
  assert.equal(pipeline.code, 0, pipeline.stderr);
  assert.match(pipeline.stdout, /rows: 16 accepted, 2 rejected \(of 18 records in 2 file\(s\)\)/);
  assert.deepEqual(await reportSnapshot(join(dir, "reports")), staged);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("tasks: no readable input exits 3; a missing path is named", async () => {
  const dir = await workspace();
  for (const name of ["app.csv", "more.csv"]) {
    await Deno.remove(join(dir, "data", "raw_logs", name));
  }
  const run = await runTask("pipeline", dir);
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stderr, /no input/i);

  await Deno.writeTextFile(
    join(dir, "config", "missing.yaml"),
    "input:\n  paths: [nowhere/logs]\n",
  );
  const missing = await runTask("pipeline", dir, ["--config", "config/missing.yaml"]);
  assert.equal(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /nowhere\/logs/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("tasks: bad config and bad flags exit 2 with the key path", async () => {
  const dir = await workspace();
  await Deno.writeTextFile(
    join(dir, "config", "bad.yaml"),
    "input:\n  timezon: UTC\nengine:\n  workers: two\n",
  );
  const run = await runTask("pipeline", dir, ["--config", "config/bad.yaml"]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /input\.timezon: unknown key \(did you mean "timezone"\?\)/);
  assert.match(run.stderr, /engine\.workers: /);

  const flag = await runTask("pipeline", dir, ["--confg", "x"]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /did you mean --config\?/);

  const absent = await runTask("ingest", dir, ["--config", "config/absent.yaml"]);
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /config\/absent\.yaml: not found/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("tasks: the pipeline cannot write outside its output folders", async () => {
  const dir = await workspace();
  const outside = await Deno.makeTempDir({ prefix: "logpulse-outside-" });
  await Deno.writeTextFile(
    join(dir, "config", "escape.yaml"),
    `output:\n  reports_dir: ${outside}\n`,
  );
  const run = await runTask("pipeline", dir, ["--config", "config/escape.yaml"]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /not allowed to write/);
  assert.deepEqual([...Deno.readDirSync(outside)], []);
  await Deno.remove(outside, { recursive: true });
  await Deno.remove(dir, { recursive: true });
});
