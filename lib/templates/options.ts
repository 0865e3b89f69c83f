/**
 * Settings of the template miner and the plain data it reports and
 * exchanges (clusters, exported partial results).
 *
 * @module
 */

/**
 * Miner settings; `DEFAULT_MINER_OPTIONS` is the one measured configuration.
 *
 * @example
 * ```ts
 * import type { MinerOptions } from "./options.ts";
 * const stricter: Partial<MinerOptions> = { minDistinct: 8 };
 * ```
 */
export interface MinerOptions {
  /** Parse-tree depth as in Drain: root, token count, then `depth - 2` leading tokens. */
  depth: number;
  /**
   * Drain's similarity threshold: a message that fits no cluster joins the
   * most similar one in its leaf if at least this fraction of positions are
   * equal (wildcards count as unequal, and break ties as in Drain), the
   * differing positions becoming `<*>`. 1 turns this off: on Loghub every
   * lower value lowered the average GA (0.95: -0.0001, 0.9: -0.0015, 0.8:
   * -0.008, 0.7: -0.027, 0.5: -0.110), because a word differing between two
   * messages is as often a constant (`VM Started`/`VM Paused`) as a
   * variable; evidence decides instead (`minDistinct`, shared values).
   */
  similarity: number;
  /** Children per tree node before new tokens go to the `<*>` branch. */
  maxChildren: number;
  /**
   * Clusters a leaf holds before `crowdedSimilarity` applies there. On the
   * Loghub samples no leaf passes 8; the cap is for messages whose variable
   * words vary together (`from alice to bob`), where no single position
   * gathers evidence and each message would otherwise add a cluster, making
   * matching quadratic.
   */
  leafCapacity: number;
  /** Drain's similarity threshold in a leaf at `leafCapacity` (Drain's default 0.5). */
  crowdedSimilarity: number;
  /** Distinct words at one position (all else equal) that make it a variable. */
  minDistinct: number;
  /** Constant tokens a template needs besides a position for that position to vary. */
  minContext: number;
  /** Extra patterns masked as `<*>` in the raw message before tokenizing. */
  masks: readonly RegExp[];
}

/**
 * The default, and only tuned, configuration. Near it the average GA on
 * Loghub is flat (5, 2: 0.988): minDistinct 4/6/8 gives 0.985/0.989/0.988,
 * minContext 1/3 gives 0.984/0.990, depth 3 to 6 and leafCapacity 16 to
 * 1000 within 0.0003. minDistinct 3 drops to 0.949 (a handful of state
 * words starts to merge). Round values were kept rather than the best
 * scoring ones, which would fit these 32,000 lines more than logs at large.
 *
 * @example
 * ```ts
 * import { DEFAULT_MINER_OPTIONS } from "./options.ts";
 * DEFAULT_MINER_OPTIONS.minDistinct; // 5
 * ```
 */
export const DEFAULT_MINER_OPTIONS: Readonly<MinerOptions> = Object.freeze({
  depth: 4,
  similarity: 1,
  maxChildren: 100,
  leafCapacity: 64,
  crowdedSimilarity: 0.5,
  minDistinct: 5,
  minContext: 2,
  masks: Object.freeze([]) as readonly RegExp[],
});

/**
 * A cluster as reported by `TemplateMiner.clusters()`.
 *
 * @example
 * ```ts
 * import type { MinedCluster } from "./options.ts";
 * const c: MinedCluster = { id: 0, template: "disk <*> full", count: 6 };
 * ```
 */
export interface MinedCluster {
  id: number;
  /** Tokens joined by single spaces; the wildcard is `<*>`. */
  template: string;
  /** Messages in the cluster. */
  count: number;
}

/**
 * A miner's state as a plain, JSON-serialisable object, for merging the
 * partial results of workers (`mergeInto`). Ids are the exporting miner's.
 *
 * @example
 * ```ts
 * import type { MinedTemplates } from "./options.ts";
 * const part: MinedTemplates = {
 *   version: 1,
 *   templates: [{ id: 0, template: "disk <*> full", count: 6, variables: [{ position: 1, values: ["sda", "sdb"] }] }],
 * };
 * ```
 */
export interface MinedTemplates {
  version: 1;
  /** One entry per fixed-length template; a cluster (id) can have several. */
  templates: {
    id: number;
    template: string;
    count: number;
    /** Values seen at positions that became wildcards on evidence. */
    variables?: { position: number; values: string[] }[];
  }[];
}

/**
 * Throws a RangeError naming the first setting out of range.
 *
 * @example
 * ```ts
 * import { checkOptions, DEFAULT_MINER_OPTIONS } from "./options.ts";
 * checkOptions(DEFAULT_MINER_OPTIONS); // fine
 * try {
 *   checkOptions({ ...DEFAULT_MINER_OPTIONS, depth: 1 });
 * } catch (error) {
 *   (error as Error).message; // "TemplateMiner: depth must be an integer >= 2"
 * }
 * ```
 */
export function checkOptions(options: MinerOptions): void {
  const bad = (name: string, rule: string) => {
    throw new RangeError(`TemplateMiner: ${name} must be ${rule}`);
  };
  if (!Number.isInteger(options.depth) || options.depth < 2) bad("depth", "an integer >= 2");
  if (!(options.similarity > 0 && options.similarity <= 1)) bad("similarity", "in (0, 1]");
  if (!Number.isInteger(options.maxChildren) || options.maxChildren < 2) {
    bad("maxChildren", "an integer >= 2");
  }
  if (!Number.isInteger(options.leafCapacity) || options.leafCapacity < 1) {
    bad("leafCapacity", "an integer >= 1");
  }
  if (!(options.crowdedSimilarity > 0 && options.crowdedSimilarity <= 1)) {
    bad("crowdedSimilarity", "in (0, 1]");
  }
  if (!Number.isInteger(options.minDistinct) || options.minDistinct < 2) {
    bad("minDistinct", "an integer >= 2");
  }
  if (!Number.isInteger(options.minContext) || options.minContext < 0) {
    bad("minContext", "an integer >= 0");
  }
}
