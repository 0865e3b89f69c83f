/**
 * `deno task bench`: logpulse's full pipeline against DuckDB doing the same
 * work on the same generated file, alternately, in one run; plus 1-worker
 * scaling, peak memory and the store/report share of the run.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { formatHelp, parseCommandArgs } from "../lib/cli/args.ts";
import type { CommandSpec } from "../lib/cli/args.ts";
import { runMain, UsageError } from "../lib/cli/exit.ts";
import { compareWithPeer } from "../lib/bench/compare.ts";
import { measureRun, median } from "../lib/bench/measure.ts";
import type { MeasuredRun } from "../lib/bench/measure.ts";
import { writeCsv } from "../lib/gen/write.ts";

const spec: CommandSpec = {
  name: "bench",
  summary:
    "Benchmark the full pipeline against DuckDB on a generated file (cached in .bench-cache/).",
  flags: {
    rows: {
      type: "string",
      placeholder: "N",
      description: "rows in the generated file (default 10000000)",
    },
    mixed: {
      type: "boolean",
      description: "every timestamp format, mixed-case levels, ~1% bad rows",
    },
    runs: { type: "string", placeholder: "R", description: "runs of each contestant (default 3)" },
  },
};

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const CACHE = join(ROOT, ".bench-cache");
const DEFAULT_YEAR = 2024;

function count(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`bench: --${name} must be a positive integer`);
  }
  return n;
}

function pipelineCommand(): { flags: string[]; script: string } {
  const tasks = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))).tasks as Record<
    string,
    { command: string }
  >;
  const words = tasks.pipeline.command.split(/\s+/).slice(2); // drop "deno run"
  const script = join(ROOT, words.pop()!);
  return { flags: words, script };
}

/** One cold logpulse run (fresh store and reports) with `workers` workers. */
async function runLogpulse(
  file: string,
  workers: number,
  dir = join(CACHE, `run-w${workers}`),
): Promise<MeasuredRun> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "config.yaml"),
    `input:\n  paths: [${
      JSON.stringify(file)
    }]\n  default_year: ${DEFAULT_YEAR}\nengine:\n  workers: ${workers}\n`,
  );
  return await rerunLogpulse(dir);
}

/** A logpulse run in `dir` keeping its store: incremental. */
async function rerunLogpulse(dir: string): Promise<MeasuredRun> {
  const { flags, script } = pipelineCommand();
  const run = await measureRun(
    Deno.execPath(),
    ["run", "--config", join(ROOT, "deno.json"), ...flags, script, "--config", "config.yaml"],
    dir,
  );
  if (run.code !== 0) throw new Error(`logpulse failed (exit ${run.code}):\n${run.stderr}`);
  return run;
}

async function runDuckdb(file: string, threads: number, mixed: boolean): Promise<MeasuredRun> {
  const run = await measureRun(
    Deno.execPath(),
    [
      "run",
      "--config",
      join(ROOT, "deno.json"),
      "--allow-read",
      "--allow-ffi",
      "--allow-env",
      "--allow-sys",
      `--allow-write=${CACHE}`,
      join(ROOT, "lib", "bench", "duckdb_cli.ts"),
      file,
      String(threads),
      String(mixed),
      String(DEFAULT_YEAR),
    ],
    CACHE,
  );
  if (run.code !== 0) throw new Error(`duckdb failed (exit ${run.code}):\n${run.stderr}`);
  return run;
}

/** Seconds of a stage from the pipeline's `timing:`/`store:` notes. */
function stageSeconds(stderr: string, stage: string): number {
  if (stage === "scan") return Number(/parse \(.*\bin ([\d.]+) s on /.exec(stderr)?.[1] ?? NaN);
  if (stage === "store") return Number(/store: written in ([\d.]+) s/.exec(stderr)?.[1] ?? NaN);
  return Number(
    new RegExp(`${stage} ([\\d.]+) s`).exec(/timing: .*/.exec(stderr)?.[0] ?? "")?.[1] ?? NaN,
  );
}

/**
 * The incremental figure: a cold run on a copy of the file, then 1% more rows
 * appended (later times) and a timed incremental run.
 */
async function incrementalRun(
  file: string,
  rows: number,
  workers: number,
): Promise<
  { cold: MeasuredRun; incremental: MeasuredRun; appendedBytes: number; followSeconds: number }
> {
  const dir = join(CACHE, "run-incremental");
  const copy = join(CACHE, "incremental-input.csv");
  const copied = await new Deno.Command("cp", { args: ["--reflink=auto", file, copy] }).output();
  if (copied.code !== 0) throw new Error(`cannot copy ${file} to ${copy}`);
  const cold = await runLogpulse(copy, workers, dir);
  const extra = join(CACHE, "incremental-extra.csv");
  await writeCsv(extra, {
    rows: Math.ceil(rows / 100),
    seed: 2,
    mixed: false,
    startMs: Date.UTC(2024, 0, 18),
    days: 1,
  });
  const text = await Deno.readFile(extra);
  const body = text.subarray(text.indexOf(10) + 1); // without its header
  await Deno.writeFile(copy, body, { append: true });
  const incremental = await rerunLogpulse(dir);
  const followSeconds = await followLatency(dir, copy, body);
  await Deno.remove(extra);
  await Deno.remove(copy);
  return { cold, incremental, appendedBytes: body.length, followSeconds };
}

/**
 * Seconds from appending `body` to `input` until a running `pipeline --follow`
 * has committed it and rewritten summary.json (the process is already warm).
 */
async function followLatency(dir: string, input: string, body: Uint8Array): Promise<number> {
  const { flags, script } = pipelineCommand();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--config",
      join(ROOT, "deno.json"),
      ...flags,
      script,
      "--config",
      "config.yaml",
      "--follow",
    ],
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const records = async () => {
    try {
      const summary = await Deno.readTextFile(join(dir, "reports", "json", "summary.json"));
      return (JSON.parse(summary) as { records: number }).records;
    } catch {
      return -1;
    }
  };
  try {
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("follow: watching")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`follow mode ended early:\n${seen}`);
      seen += value;
    }
    (async () => {
      while (!(await reader.read()).done) { /* drain */ }
    })().catch(() => {});
    // Let the pass that follow runs on start settle first.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = await records();
    const began = performance.now();
    await Deno.writeFile(input, body, { append: true });
    while (await records() <= before) await new Promise((resolve) => setTimeout(resolve, 10));
    return (performance.now() - began) / 1000;
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const fixed = (n: number, digits = 2) => n.toFixed(digits);

await runMain(async () => {
  const args = parseCommandArgs(spec, Deno.args);
  if (args.help) {
    console.log(formatHelp(spec));
    return 0;
  }
  const rows = count("rows", args.values.rows, 10_000_000);
  const runs = count("runs", args.values.runs, 3);
  const mixed = args.values.mixed === true;
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  await Deno.mkdir(CACHE, { recursive: true });
  const file = join(CACHE, `gen-${rows}${mixed ? "-mixed" : ""}.csv`);
  try {
    await Deno.stat(file);
  } catch {
    console.log(`generating ${rows} rows into ${file} …`);
    await writeCsv(file, { rows, seed: 1, mixed, startMs: Date.UTC(2024, 0, 15), days: 3 });
  }
  const bytes = (await Deno.stat(file)).size;
  console.log(
    `file: ${file} (${mb(bytes)} MB, ${rows} rows${
      mixed ? ", mixed" : ""
    }); ${cores} cores; ${runs} runs each, alternating`,
  );

  // One 1-worker run per round too, so each scaling figure compares runs
  // made moments apart: the host's speed drifts over a bench this long.
  const ours: MeasuredRun[] = [];
  const theirs: MeasuredRun[] = [];
  const single: MeasuredRun[] = [];
  const ratios: number[] = [];
  const scalings: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await runLogpulse(file, cores));
    theirs.push(await runDuckdb(file, cores, mixed));
    single.push(await runLogpulse(file, 1));
    ratios.push(ours[i].seconds / theirs[i].seconds);
    scalings.push(single[i].seconds / ours[i].seconds);
    console.log(
      `  round ${i + 1}: logpulse ${fixed(ours[i].seconds)} s, duckdb ${
        fixed(theirs[i].seconds)
      } s, ratio ${fixed(ratios[i], 3)}; 1 worker ${fixed(single[i].seconds)} s, scaling ${
        fixed(scalings[i])
      }×`,
    );
  }

  const row = (name: string, list: MeasuredRun[]) => {
    const seconds = median(list.map((r) => r.seconds));
    return `${name.padEnd(22)} ${fixed(seconds).padStart(8)} s ${
      (bytes / 1e6 / seconds).toFixed(0).padStart(7)
    } MB/s ${(rows / seconds / 1e6).toFixed(2).padStart(6)} M rows/s ${
      mb(Math.max(...list.map((r) => r.peakRss))).padStart(6)
    } MB peak RSS`;
  };
  console.log("");
  console.log(row(`logpulse (${cores} workers)`, ours));
  console.log(row(`duckdb (${cores} threads)`, theirs));
  console.log(row("logpulse (1 worker)", single));
  console.log(
    `ratio logpulse/duckdb per pair: ${ratios.map((r) => fixed(r, 3)).join(", ")}; median ${
      fixed(median(ratios), 3)
    }`,
  );
  console.log(
    `scaling: ${cores} workers are ${fixed(median(scalings))}× 1 worker (median of rounds: ${
      scalings.map((r) => fixed(r)).join(", ")
    })`,
  );
  // What caps the scaling: the CPU work of a run with every worker. The
  // 1-worker run gets the main thread and V8's compiler and GC threads on
  // the other cores for free; with every core scanning, they take turns.
  const cpu1 = median(single.map((r) => r.cpuSeconds));
  const cpuAll = median(ours.map((r) => r.cpuSeconds));
  const wall1 = median(single.map((r) => r.seconds));
  const wallAll = median(ours.map((r) => r.seconds));
  if (Number.isFinite(cpuAll)) {
    console.log(
      `cpu: 1 worker used ${fixed(cpu1)} s of CPU in ${fixed(wall1)} s; ${cores} workers ${
        fixed(cpuAll)
      } s in ${fixed(wallAll)} s (${
        fixed(100 * cpuAll / (wallAll * cores), 0)
      }% of ${cores} cores): with every core busy throughout, ${cores} workers could be at most ${
        fixed(wall1 / (cpuAll / cores))
      }× 1 worker`,
    );
  }
  // The scan alone: what the workers share. The rest of a run (start-up,
  // store, reports) takes the same time however many workers scanned.
  const scanScalings = ours.map((run, i) =>
    stageSeconds(single[i].stderr, "scan") / stageSeconds(run.stderr, "scan")
  );
  const fixedSeconds = ours.map((run) => run.seconds - stageSeconds(run.stderr, "scan"));
  console.log(
    `scan alone: ${cores} workers are ${fixed(median(scanScalings))}× 1 worker (rounds: ${
      scanScalings.map((r) => fixed(r)).join(", ")
    }); outside the scan, ${
      fixed(median(fixedSeconds))
    } s of each run does not shrink with workers`,
  );
  // Per round, like the ratio: one run's share moves with the host's speed.
  const storeAndReports = ours.map((run) =>
    ["store", "analytics", "alerts", "export"].reduce(
      (sum, s) => sum + stageSeconds(run.stderr, s),
      0,
    )
  );
  const shares = ours.map((run, i) => 100 * storeAndReports[i] / run.seconds);
  const last = ours[ours.length - 1];
  console.log(
    `store + reports: median ${fixed(median(storeAndReports))} s, ${
      fixed(median(shares), 1)
    }% of the run (rounds: ${shares.map((p) => `${fixed(p, 1)}%`).join(", ")}); last run's ${
      /timing: .*/.exec(last.stderr)?.[0] ?? ""
    }`,
  );
  const { incremental, appendedBytes, followSeconds } = await incrementalRun(file, rows, cores);
  const coldMedian = median(ours.map((r) => r.seconds));
  console.log(
    `incremental: ${mb(appendedBytes)} MB appended (1% more rows), re-run in ${
      fixed(incremental.seconds)
    } s = ${fixed(100 * incremental.seconds / coldMedian, 1)}% of the cold run; ${
      /timing: .*/.exec(incremental.stderr)?.[0] ?? ""
    }`,
  );
  console.log(
    `follow: a running --follow had the next 1% in its reports ${fixed(followSeconds)} s after ` +
      `the write = ${fixed(100 * followSeconds / coldMedian, 1)}% of the cold run`,
  );
  const check = await compareWithPeer(
    join(CACHE, `run-w${cores}`, "reports"),
    JSON.parse(theirs[theirs.length - 1].stdout),
  );
  console.log(
    check.equal
      ? `same numbers: ${check.checked}`
      : `DIFFERENT NUMBERS: ${check.problems.join("; ")}`,
  );
  return check.equal ? 0 : 1;
});
