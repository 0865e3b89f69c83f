/**
 * Running tasks as users do: the exact `deno run` command lines of deno.json
 * (so their narrow permissions are what is tested), from a scratch working
 * directory holding a copy of the hand-count fixture.
 *
 * @module
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DENO_JSON = join(ROOT, "deno.json");
const TASKS = (JSON.parse(await Deno.readTextFile(DENO_JSON)) as {
  tasks: Record<string, { command: string }>;
}).tasks;
const FIXTURE = join(ROOT, "tests", "fixtures", "handcount");

/** What a task run printed and returned. */
export interface TaskRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The `deno` arguments that run task `name` as deno.json defines it. */
export function taskArgs(name: string, args: string[] = []): string[] {
  const words = TASKS[name].command.split(/\s+/);
  assert.equal(words[0], "deno");
  // Point deno at the repo's deno.json (imports, lock) and the task file at the repo's copy.
  const [run, ...rest] = words.slice(1);
  const script = join(ROOT, rest.pop()!);
  return [run, "--config", DENO_JSON, ...rest, script, ...args];
}

/** Runs `deno task <name>` as deno.json defines it, from `cwd`. */
export async function runTask(name: string, cwd: string, args: string[] = []): Promise<TaskRun> {
  const command = new Deno.Command(Deno.execPath(), {
    args: taskArgs(name, args),
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  });
  const output = await command.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A scratch working directory with the hand-count fixture as `data/raw_logs` and the shipped config. */
export async function workspace(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-task-" });
  await Deno.mkdir(join(dir, "data", "raw_logs"), { recursive: true });
  await Deno.mkdir(join(dir, "config"));
  for (const name of ["app.csv", "more.csv"]) {
    await Deno.copyFile(join(FIXTURE, name), join(dir, "data", "raw_logs", name));
    // Written long ago: more.csv's last line (no line feed) is final, not mid-write.
    await Deno.utime(join(dir, "data", "raw_logs", name), 1_700_000_000, 1_700_000_000);
  }
  await Deno.copyFile(join(ROOT, "config", "config.yaml"), join(dir, "config", "config.yaml"));
  return dir;
}
