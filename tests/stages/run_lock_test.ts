/**
 * One run per state folder: a second run is refused naming the holder's pid,
 * a run killed with SIGKILL never blocks the next one (which says it took
 * over), and a released lock is free again. The task-level test holds the
 * lock from this process and runs the real pipeline task against it.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { RunLockedError } from "../../lib/cli/exit.ts";
import { acquireRunLock, RUN_LOCK_FILE } from "../../lib/stages/run_lock.ts";
import { ROOT, runTask, workspace } from "../tasks/run_task.ts";

Deno.test("run lock: a second holder is refused with the first one's pid", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-lock-" });
  try {
    const first = await acquireRunLock(dir);
    assert.equal(first.tookOverFrom, undefined);
    await assert.rejects(
      () => acquireRunLock(dir),
      (error: Error) =>
        error instanceof RunLockedError && error.message.includes(`pid ${Deno.pid}`) &&
        error.message.includes(dir),
    );
    first.release();
    first.release(); // idempotent
    const again = await acquireRunLock(dir);
    assert.equal(again.tookOverFrom, undefined, "a released lock leaves no pid behind");
    again.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run lock: a holder killed with SIGKILL frees it; the next run takes over", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-lock-" });
  try {
    // A child process takes the lock, says so, and sleeps until killed.
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { acquireRunLock } from ${JSON.stringify(join(ROOT, "lib/stages/run_lock.ts"))};
         await acquireRunLock(${JSON.stringify(dir)});
         console.log("locked");
         setTimeout(() => {}, 60_000);`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.getReader();
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /locked/);
    await assert.rejects(() => acquireRunLock(dir), RunLockedError);
    child.kill("SIGKILL");
    await child.status;
    reader.releaseLock();
    await child.stdout.cancel();

    const lock = await acquireRunLock(dir);
    assert.equal(lock.tookOverFrom, child.pid);
    lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pipeline task: refused with exit 4 while another run holds the state folder", async () => {
  const dir = await workspace();
  try {
    const held = await acquireRunLock(join(dir, "data", "state"));
    const busy = await runTask("pipeline", dir);
    held.release();
    assert.equal(busy.code, 4, busy.stderr);
    assert.match(busy.stderr, new RegExp(`another logpulse run is using .*pid ${Deno.pid}`));
    await assert.rejects(() => Deno.stat(join(dir, "reports", "json", "summary.json")));

    // A stale pid left in the file (a killed run) does not block; the run says it took over.
    await Deno.writeTextFile(
      join(dir, "data", "state", RUN_LOCK_FILE),
      JSON.stringify({ pid: 999_999_999, started: "2024-01-01T00:00:00.000Z" }),
    );
    const run = await runTask("pipeline", dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /previous run \(pid 999999999\) ended without finishing; taking over/);
    assert.equal(await Deno.readTextFile(join(dir, "data", "state", RUN_LOCK_FILE)), "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
