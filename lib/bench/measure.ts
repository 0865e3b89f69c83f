/**
 * Running a benchmark contestant as a child process and measuring its wall
 * time, CPU time and peak resident memory. Peak RSS and CPU time come from
 * GNU time's `%M`, `%U` and `%S` (the kernel's maximum RSS and user and
 * system seconds of the child, workers included since they are threads)
 * when `/usr/bin/time` exists; Deno only lets fully privileged
 * processes read /proc, and the benchmark does not run with -A.
 *
 * @module
 */

/** What a measured run produced. */
export interface MeasuredRun {
  code: number;
  seconds: number;
  /** Peak resident set size in bytes (NaN when /usr/bin/time is missing). */
  peakRss: number;
  /** User plus system CPU seconds, every thread's (NaN when /usr/bin/time is missing). */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

function hasGnuTime(): boolean {
  try {
    return Deno.statSync(GNU_TIME).isFile;
  } catch {
    return false;
  }
}

/**
 * Runs `command args` in `cwd` and measures it.
 *
 * @example
 * ```ts
 * import { measureRun } from "./measure.ts";
 * // const run = await measureRun(Deno.execPath(), ["--version"], ".");
 * ```
 */
export async function measureRun(
  command: string,
  args: string[],
  cwd: string,
): Promise<MeasuredRun> {
  const rssFile = hasGnuTime() ? await Deno.makeTempFile({ dir: cwd, prefix: "rss-" }) : undefined;
  const began = performance.now();
  const output = await new Deno.Command(rssFile ? GNU_TIME : command, {
    args: rssFile ? ["-f", "%M %U %S", "-o", rssFile, command, ...args] : args,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const seconds = (performance.now() - began) / 1000;
  let peakRss = NaN;
  let cpuSeconds = NaN;
  if (rssFile) {
    // The last line is ours (a killed child's status line comes before it).
    const [kb, user, system] = (await Deno.readTextFile(rssFile)).trim().split("\n").pop()!
      .split(" ").map(Number);
    if (Number.isFinite(kb)) peakRss = kb * 1024;
    cpuSeconds = user + system;
    await Deno.remove(rssFile);
  }
  const decoder = new TextDecoder();
  return {
    code: output.code,
    seconds,
    peakRss,
    cpuSeconds,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/**
 * The median of a non-empty list.
 *
 * @example
 * ```ts
 * import { median } from "./measure.ts";
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
