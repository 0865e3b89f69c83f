/**
 * `deno task pipeline --follow` as users run it: it picks up an append and a
 * new file (asserting the eventual reports, not a timing), and SIGTERM stops
 * it cleanly with everything committed and the run lock released.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runTask, taskArgs, workspace } from "../tasks/run_task.ts";

async function records(dir: string): Promise<number | undefined> {
  try {
    const text = await Deno.readTextFile(join(dir, "reports", "json", "summary.json"));
    return (JSON.parse(text) as { records: number }).records;
  } catch {
    return undefined; // not written yet, or being replaced
  }
}

/** Waits until `check` holds, polling; fails after `ms`. */
async function eventually(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`not within ${ms} ms: ${what}`);
}

Deno.test("follow: an append and a new file show up in the reports; SIGTERM stops cleanly", async () => {
  const dir = await workspace();
  // 52-byte partitions: even a one-line append goes to the pool that follow keeps warm.
  const configPath = join(dir, "config", "config.yaml");
  await Deno.writeTextFile(
    configPath,
    (await Deno.readTextFile(configPath)).replace("partition_mb: 32", "partition_mb: 0.00005"),
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: taskArgs("pipeline", ["--follow"]),
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const output = child.output();
  try {
    // The fixture holds 18 records (see tests/fixtures/handcount).
    await eventually("the first pass", async () => await records(dir) === 18);
    await Deno.writeTextFile(
      join(dir, "data", "raw_logs", "app.csv"),
      "2024-01-16 11:00:00,ERROR,Connection refused to 10.0.0.9:5432,10.0.0.1,api,/users\n",
      { append: true },
    );
    await eventually("the appended line", async () => await records(dir) === 19);
    await Deno.writeTextFile(
      join(dir, "data", "raw_logs", "later.csv"),
      "timestamp,log_level,message\n2024-01-16 11:05:00,INFO,hello\n2024-01-16 11:06:00,INFO,again\n",
    );
    await eventually("the new file", async () => await records(dir) === 21);
  } finally {
    child.kill("SIGTERM");
  }
  const { code, stdout, stderr } = await output;
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  assert.match(err, /follow: stopped/);
  assert.match(new TextDecoder().decode(stdout), /\+2 record\(s\) \(0 rejected\)/);
  // The lock is free again and the store is whole: a normal run adds nothing.
  const after = await runTask("pipeline", dir);
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /incremental run: nothing new to read/);
  assert.equal(await records(dir), 21);
  await Deno.remove(dir, { recursive: true });
});
