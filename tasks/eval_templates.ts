/**
 * `deno task eval-templates`: grouping accuracy (GA) of the template miner
 * on the 16 Loghub 2k samples with corrected ground truth, with the default
 * configuration, and the mining throughput.
 *
 * Usage: `deno task eval-templates [--datasets DIR] [--parts N]`. DIR holds
 * `loghub_2k_corrected/` (default: `../shared/datasets` beside the repo).
 * `--parts N` mines each dataset in N slices merged afterwards, as scan
 * workers do.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { NoInputError, runMain, UsageError } from "../lib/cli/exit.ts";
import { DEFAULT_MINER_OPTIONS } from "../lib/templates/miner.ts";
import { evaluateDataset, LOGHUB_DATASETS, loghubCsvPath } from "../lib/templates/loghub.ts";
import type { DatasetResult } from "../lib/templates/loghub.ts";

const HELP = `Usage: deno task eval-templates [options]

Grouping accuracy of the template miner on the Loghub 2k samples (corrected ground truth).

Options:
  --datasets DIR  folder holding loghub_2k_corrected/ (default: ../shared/datasets beside the
                  repository, else /work/shared/datasets)
  --parts N       mine each dataset in N slices and merge them, as workers do (default 1)
  -h, --help      show this help`;

function parseCli(argv: readonly string[]): { root: string; parts: number; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        datasets: { type: "string" },
        parts: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`eval-templates: ${(error as Error).message}`);
  }
  const { datasets, parts, help } = parsed.values;
  const n = parts === undefined ? 1 : Number(parts);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`eval-templates: --parts must be a positive integer, got ${parts}`);
  }
  // tasks/ → repo → its parent, where shared/ sits beside the repo; else the workplace's copy.
  const beside = decodeURIComponent(new URL("../../shared/datasets/", import.meta.url).pathname);
  let root = datasets ?? beside;
  if (datasets === undefined) {
    try {
      Deno.statSync(beside);
    } catch {
      root = "/work/shared/datasets/";
    }
  }
  return { root, parts: n, help: help === true };
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))
    .join("  ");
}

await runMain(async () => {
  const { root, parts, help } = parseCli(Deno.args);
  if (help) {
    console.log(HELP);
    return 0;
  }
  const missing = [];
  for (const name of LOGHUB_DATASETS) {
    try {
      await Deno.stat(loghubCsvPath(root, name));
    } catch {
      missing.push(loghubCsvPath(root, name));
    }
  }
  if (missing.length > 0) {
    throw new NoInputError(
      `eval-templates: ${missing.length} dataset file(s) missing, first ${missing[0]}` +
        " (pass --datasets DIR, the folder holding loghub_2k_corrected/)",
    );
  }
  const widths = [12, 6, 9, 9, 6, 11];
  console.log(
    row(["dataset", "lines", "clusters", "templates", "GA", "pipeline GA"], widths),
  );
  const results: DatasetResult[] = [];
  const pipeline: DatasetResult[] = [];
  for (const name of LOGHUB_DATASETS) {
    const r = await evaluateDataset(root, name, parts);
    const p = await evaluateDataset(root, name, 1, {}, "pipeline");
    results.push(r);
    pipeline.push(p);
    console.log(
      row([
        name,
        r.total,
        r.predictedGroups,
        r.truthGroups,
        r.accuracy.toFixed(3),
        p.accuracy.toFixed(3),
      ], widths),
    );
  }
  const mean = (list: DatasetResult[]) => list.reduce((s, r) => s + r.accuracy, 0) / list.length;
  const average = mean(results);
  const lines = results.reduce((s, r) => s + r.total, 0);
  const ms = results.reduce((s, r) => s + r.miningMs, 0);
  console.log(
    row(["average", lines, "", "", average.toFixed(4), mean(pipeline).toFixed(4)], widths),
  );
  console.log(
    "GA: the miner on every line as it streams; pipeline GA: as the pipeline groups them " +
      "(the scan workers' masking, then the miner over the distinct masked templates)",
  );
  console.log(
    `throughput: ${Math.round(lines / (ms / 1000))} lines/s (${lines} lines mined in ` +
      `${ms.toFixed(0)} ms, a fresh miner per dataset${
        parts > 1 ? `, ${parts} parts merged` : ""
      })`,
  );
  const { masks, ...options } = DEFAULT_MINER_OPTIONS;
  console.log(`configuration: ${JSON.stringify({ ...options, masks: masks.map(String) })}`);
  return 0;
});
