/**
 * Log template mining: `TemplateMiner` groups messages into templates as they
 * stream in (Drain-style parse tree, evidence-based wildcards), partial
 * results from workers merge with `mergeInto`, and `groupingAccuracy` scores
 * a grouping against ground truth. The Loghub evaluation helpers live in
 * `./loghub.ts` (not re-exported here: they pull in a CSV parser).
 *
 * @example
 * ```ts
 * import { TemplateMiner } from "./mod.ts";
 * const miner = new TemplateMiner();
 * const id = miner.add("Accepted password for root from 10.0.0.1 port 22 ssh2");
 * miner.template(id); // "Accepted password for root from <*> port <*> ssh2"
 * ```
 *
 * @module
 */

export { DEFAULT_MINER_OPTIONS, mergeInto, TemplateMiner } from "./miner.ts";
export type { MinedCluster, MinedTemplates, MinerOptions } from "./miner.ts";
export { maskMessage, maskToken, WILDCARD } from "./mask.ts";
export { ByteMasker, type MaskedBytes } from "./mask_bytes.ts";
export { collapsedTemplate, matchesPattern } from "./tokens.ts";
export { groupingAccuracy } from "./grouping_accuracy.ts";
export type { GroupingAccuracy, GroupLabel } from "./grouping_accuracy.ts";
export { groupTemplates } from "./group_templates.ts";
