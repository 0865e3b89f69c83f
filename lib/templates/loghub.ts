/**
 * Evaluation of the template miner on the Loghub 2k samples with corrected
 * ground truth (`loghub_2k_corrected/<Name>/<Name>_2k.log_structured_corrected.csv`,
 * from the logparser benchmark): mine each line's `Content`, compare the
 * grouping with the per-line `EventTemplate`.
 *
 * @module
 */

import { parse } from "csv-parse/sync";
import { groupingAccuracy } from "./grouping_accuracy.ts";
import type { GroupingAccuracy } from "./grouping_accuracy.ts";
import { mergeInto, TemplateMiner } from "./miner.ts";
import type { MinerOptions } from "./miner.ts";
import { groupTemplates } from "./group_templates.ts";
import { TemplateMasker } from "../classify/template.ts";

/**
 * The 16 Loghub systems, in the benchmark's usual order.
 *
 * @example
 * ```ts
 * import { LOGHUB_DATASETS } from "./loghub.ts";
 * LOGHUB_DATASETS.length; // 16
 * ```
 */
export const LOGHUB_DATASETS: readonly string[] = Object.freeze([
  "Android",
  "Apache",
  "BGL",
  "HDFS",
  "HPC",
  "Hadoop",
  "HealthApp",
  "Linux",
  "Mac",
  "OpenSSH",
  "OpenStack",
  "Proxifier",
  "Spark",
  "Thunderbird",
  "Windows",
  "Zookeeper",
]);

/**
 * One line of a structured Loghub file: its message and true template.
 *
 * @example
 * ```ts
 * import type { LabeledLine } from "./loghub.ts";
 * const line: LabeledLine = { content: "Verification succeeded for blk_1", template: "Verification succeeded for <*>" };
 * ```
 */
export interface LabeledLine {
  content: string;
  template: string;
}

/**
 * The path of a dataset's structured CSV under `root` (the folder holding
 * `loghub_2k_corrected/`).
 *
 * @example
 * ```ts
 * import { loghubCsvPath } from "./loghub.ts";
 * loghubCsvPath("/data", "HDFS"); // "/data/loghub_2k_corrected/HDFS/HDFS_2k.log_structured_corrected.csv"
 * ```
 */
export function loghubCsvPath(root: string, name: string): string {
  const base = root.endsWith("/") ? root.slice(0, -1) : root;
  return `${base}/loghub_2k_corrected/${name}/${name}_2k.log_structured_corrected.csv`;
}

/**
 * Parses a structured CSV (columns `Content` and `EventTemplate` at least).
 *
 * @example
 * ```ts
 * import { parseLoghubCsv } from "./loghub.ts";
 * parseLoghubCsv("LineId,Content,EventTemplate\n1,open a,open <*>\n")[0].template; // "open <*>"
 * ```
 */
export function parseLoghubCsv(text: string): LabeledLine[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    if (typeof row.Content !== "string" || typeof row.EventTemplate !== "string") {
      throw new TypeError(`row ${i + 1} has no Content or EventTemplate column`);
    }
    return { content: row.Content, template: row.EventTemplate };
  });
}

/**
 * The result of mining one dataset: GA and its counts, and the time taken.
 *
 * @example
 * ```ts
 * import { evaluateLines } from "./loghub.ts";
 * evaluateLines([{ content: "a", template: "a" }]).miningMs >= 0; // true
 * ```
 */
export interface DatasetResult extends GroupingAccuracy {
  /** Milliseconds spent mining (CSV parsing not included). */
  miningMs: number;
}

/**
 * Mines `messages` in `parts` contiguous slices, each with its own miner
 * (as scan workers would), merges them in order into one miner, and returns
 * each message's final cluster id there. One part is plain mining.
 *
 * @example
 * ```ts
 * import { mineInParts } from "./loghub.ts";
 * mineInParts(["a 1", "a 2", "b"], 2); // [0, 0, 1]
 * ```
 */
export function mineInParts(
  messages: readonly string[],
  parts = 1,
  options: Partial<MinerOptions> = {},
): number[] {
  const main = new TemplateMiner(options);
  if (parts <= 1) {
    const ids = messages.map((m) => main.add(m));
    return ids.map((id) => main.resolve(id));
  }
  const size = Math.ceil(messages.length / parts);
  const ids: number[] = [];
  for (let start = 0; start < messages.length; start += size) {
    const worker = new TemplateMiner(options);
    const local = messages.slice(start, start + size).map((m) => worker.add(m));
    const remap = mergeInto(main, worker.export());
    for (const id of local) ids.push(remap.get(worker.resolve(id))!);
  }
  main.compact();
  return ids.map((id) => main.resolve(id));
}

/**
 * Groups messages the way the pipeline does: each is masked by the scan
 * workers' byte masker, and the miner runs once over the distinct masked
 * templates in order of first appearance (see `group_templates.ts`). Returns a group id
 * per message.
 *
 * @example
 * ```ts
 * import { groupAsPipeline } from "./loghub.ts";
 * groupAsPipeline(["open file 1", "open file 2", "close"]); // [0, 0, 1]
 * ```
 */
export function groupAsPipeline(
  messages: readonly string[],
  options: Partial<MinerOptions> = {},
): number[] {
  const masker = new TemplateMasker();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const masked = messages.map((message) => {
    const bytes = encoder.encode(message);
    const out = masker.mask(bytes, 0, bytes.length);
    return decoder.decode(out.bytes.subarray(0, out.length));
  });
  const distinct = [...new Set(masked)];
  // First occurrence, as the store's first_seen orders them.
  const mined = groupTemplates(distinct, options, distinct.map((_, i) => i));
  const minedOf = new Map(distinct.map((template, i) => [template, mined[i]]));
  const ids = new Map<string, number>();
  return masked.map((template) => {
    const group = minedOf.get(template)!;
    let id = ids.get(group);
    if (id === undefined) ids.set(group, id = ids.size);
    return id;
  });
}

/**
 * Grouping accuracy of the miner on labeled lines.
 *
 * @example
 * ```ts
 * import { evaluateLines } from "./loghub.ts";
 * const lines = [
 *   { content: "open file 1", template: "open file <*>" },
 *   { content: "open file 2", template: "open file <*>" },
 *   { content: "close", template: "close" },
 * ];
 * evaluateLines(lines).accuracy; // 1
 * ```
 */
export function evaluateLines(
  lines: readonly LabeledLine[],
  parts = 1,
  options: Partial<MinerOptions> = {},
  mode: "stream" | "pipeline" = "stream",
): DatasetResult {
  const messages = lines.map((l) => l.content);
  const start = performance.now();
  const ids = mode === "pipeline"
    ? groupAsPipeline(messages, options)
    : mineInParts(messages, parts, options);
  const miningMs = performance.now() - start;
  return { ...groupingAccuracy(ids, lines.map((l) => l.template)), miningMs };
}

/**
 * Reads one dataset under `root` and evaluates the miner on it. Throws
 * `Deno.errors.NotFound` if the file is missing.
 *
 * @example
 * ```ts
 * import { evaluateDataset } from "./loghub.ts";
 * // (await evaluateDataset("../shared/datasets", "HDFS")).accuracy; // 1
 * ```
 */
export async function evaluateDataset(
  root: string,
  name: string,
  parts = 1,
  options: Partial<MinerOptions> = {},
  mode: "stream" | "pipeline" = "stream",
): Promise<DatasetResult> {
  const lines = parseLoghubCsv(await Deno.readTextFile(loghubCsvPath(root, name)));
  return evaluateLines(lines, parts, options, mode);
}
