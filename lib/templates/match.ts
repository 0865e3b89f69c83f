/**
 * Matching a message against the clusters of a tree leaf: the exact fit
 * (every constant token equal, every wildcard fitting), and Drain's
 * similarity for the optional fuzzy step.
 *
 * @module
 */

import { WILDCARD } from "./mask.ts";
import type { Cluster } from "./evidence.ts";
import { matchesPattern } from "./tokens.ts";

/**
 * The most specific cluster (fewest wildcards used) whose template fits the
 * tokens, or null.
 *
 * @example
 * ```ts
 * import { bestFit } from "./match.ts";
 * const c = { id: 0, tokens: ["uid=<*>", "ok"], count: 1, leaf: null, keys: [], widened: [], open: true };
 * bestFit([c], ["uid=root", "ok"]) === c; // true
 * ```
 */
export function bestFit(clusters: readonly Cluster[], tokens: readonly string[]): Cluster | null {
  let best: Cluster | null = null;
  let bestWild = Infinity;
  next: for (const cluster of clusters) {
    const t = cluster.tokens;
    let wild = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === tokens[i]) continue;
      if (!matchesPattern(t[i], tokens[i])) continue next;
      // An all-wildcard template takes masked messages only, or "<*>"
      // would swallow every one-word message.
      if (!cluster.open && !tokens[i].includes(WILDCARD)) continue next;
      wild++;
    }
    if (wild < bestWild) {
      best = cluster;
      bestWild = wild;
    }
  }
  return best;
}

/**
 * Drain's most similar cluster: the highest fraction of positions where the
 * template token equals the message token (a template wildcard counts as
 * unequal, and more wildcards win a tie), if at least `threshold`.
 *
 * @example
 * ```ts
 * import { mostSimilar } from "./match.ts";
 * const c = { id: 0, tokens: ["VM", "state", "Started", "ok"], count: 1, leaf: null, keys: [], widened: [], open: true };
 * mostSimilar([c], ["VM", "state", "Paused", "ok"], 0.7) === c; // true (3 of 4)
 * ```
 */
export function mostSimilar(
  clusters: readonly Cluster[],
  tokens: readonly string[],
  threshold: number,
): Cluster | null {
  let best: Cluster | null = null;
  let bestSim = -1;
  let bestWild = -1;
  for (const cluster of clusters) {
    const t = cluster.tokens;
    let same = 0;
    let wild = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === WILDCARD) wild++;
      else if (t[i] === tokens[i]) same++;
    }
    const sim = t.length === 0 ? 1 : same / t.length;
    if (sim > bestSim || (sim === bestSim && wild > bestWild)) {
      best = cluster;
      bestSim = sim;
      bestWild = wild;
    }
  }
  return bestSim >= threshold ? best : null;
}
