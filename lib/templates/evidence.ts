/**
 * The evidence that a position of a template is variable, kept as the miner
 * goes. Drain merges two messages as soon as enough of their tokens agree,
 * so `VM Started` and `VM Paused` become `VM <*>` after one look; here a
 * word position turns into `<*>` only on evidence:
 *
 * - siblings: clusters equal but at one position, indexed by a hash of
 *   "all tokens but position p" (so finding them is one map look-up);
 *   a wildcard or pattern there already (a masked number, `uid=<*>`) takes
 *   the siblings that fit it, and enough distinct words (`minDistinct`)
 *   make the position variable;
 * - shared values: a position whose values also turn up at a position of a
 *   different template (`cyrus` in `session opened for user cyrus` and in
 *   `session closed for user cyrus`) holds names, even if only two or three.
 *
 * @module
 */

import { WILDCARD } from "./mask.ts";
import type { TreeNode } from "./tree.ts";
import { constantCount, valueOf } from "./tokens.ts";

/**
 * A cluster of the miner: one template of fixed length. Several clusters
 * can share an id (after merges); the miner's union-find says which.
 *
 * @example
 * ```ts
 * import type { Cluster } from "./evidence.ts";
 * const c: Cluster = { id: 0, tokens: ["disk", "<*>", "full"], count: 3, leaf: null, keys: [], widened: [1], open: true };
 * ```
 */
export interface Cluster {
  readonly id: number;
  /** The template; positions widen to wildcards in place. */
  readonly tokens: string[];
  /** Messages matched to this cluster. */
  count: number;
  /** The tree leaf holding it, or null once retired into an equal cluster. */
  leaf: TreeNode<Cluster> | null;
  /** Sibling keys, one per position. */
  keys: string[];
  /** Positions turned into wildcards on evidence (not by masking). */
  readonly widened: number[];
  /** False if every token holds a wildcard: then only masked messages fit. */
  open: boolean;
}

/** Values remembered per sibling key, and keys per value: both bounded. */
const MAX_VALUES_PER_KEY = 32;
const MAX_KEYS_PER_VALUE = 64;

function hashToken(token: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xff, 0x01000193) >>> 0;
}

/**
 * The sibling keys of a template: for each position p, a 64-bit hash (two
 * 32-bit halves) of the length, p and every token but the one at p. Built
 * from prefix and suffix hashes, so all keys cost O(length). Collisions are
 * harmless: candidates are checked token by token (`sameExcept`).
 *
 * @example
 * ```ts
 * import { siblingKeys } from "./evidence.ts";
 * siblingKeys(["VM", "Started", "ok"])[1] === siblingKeys(["VM", "Paused", "ok"])[1]; // true
 * ```
 */
export function siblingKeys(tokens: readonly string[]): string[] {
  const n = tokens.length;
  const pre1 = new Uint32Array(n + 1);
  const pre2 = new Uint32Array(n + 1);
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  pre1[0] = 1;
  pre2[0] = 7;
  for (let i = 0; i < n; i++) {
    h1[i] = hashToken(tokens[i], 0x811c9dc5);
    h2[i] = hashToken(tokens[i], 0x9e3779b9);
    pre1[i + 1] = Math.imul(pre1[i], 0x2f0bb1f7) ^ h1[i];
    pre2[i + 1] = Math.imul(pre2[i], 0x5bd1e995) + h2[i];
  }
  const keys = new Array<string>(n);
  let suf1 = 3;
  let suf2 = 11;
  for (let p = n - 1; p >= 0; p--) {
    keys[p] = `${n}.${p}.${pre1[p]}.${pre2[p]}.${suf1}.${suf2}`;
    suf1 = (Math.imul(suf1, 0x2f0bb1f7) ^ h1[p]) >>> 0;
    suf2 = (Math.imul(suf2, 0x5bd1e995) + h2[p]) >>> 0;
  }
  return keys;
}

/** The position a sibling key is for. */
function positionOf(key: string): number {
  const dot = key.indexOf(".");
  return Number(key.slice(dot + 1, key.indexOf(".", dot + 1)));
}

/**
 * True if `a` and `b` are equal except at `p` (-1: equal everywhere).
 *
 * @example
 * ```ts
 * import { sameExcept } from "./evidence.ts";
 * sameExcept(["a", "x", "c"], ["a", "y", "c"], 1); // true
 * ```
 */
export function sameExcept(a: readonly string[], b: readonly string[], p: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (i !== p && a[i] !== b[i]) return false;
  return true;
}

/**
 * Sibling index and value evidence over the miner's live clusters.
 *
 * @example
 * ```ts
 * import { Evidence } from "./evidence.ts";
 * import type { Cluster } from "./evidence.ts";
 * const make = (id: number, word: string): Cluster =>
 *   ({ id, tokens: ["VM", word, "ok"], count: 1, leaf: null, keys: [], widened: [], open: true });
 * const evidence = new Evidence();
 * const a = make(0, "Started");
 * evidence.add(a);
 * evidence.add(make(1, "Paused"));
 * evidence.siblings(a, 1).length; // 2
 * ```
 */
export class Evidence {
  readonly #siblings = new Map<string, Cluster[]>();
  readonly #valueKeys = new Map<string, Set<string>>();
  readonly #keyValues = new Map<string, Set<string>>();

  /** Indexes a cluster under its current tokens. */
  add(c: Cluster): void {
    c.keys = siblingKeys(c.tokens);
    for (let p = 0; p < c.keys.length; p++) {
      const key = c.keys[p];
      const list = this.#siblings.get(key);
      if (list === undefined) this.#siblings.set(key, [c]);
      else list.push(c);
      if (!c.tokens[p].includes(WILDCARD)) this.recordValue(key, c.tokens[p]);
    }
  }

  /** Removes a cluster from the sibling index (its values stay remembered). */
  remove(c: Cluster): void {
    for (const key of c.keys) {
      const list = this.#siblings.get(key);
      if (list === undefined) continue;
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#siblings.delete(key);
    }
    c.keys = [];
  }

  /** Remembers that `token` was seen at the position of `key`. */
  recordValue(key: string, token: string): void {
    const seen = this.#keyValues.get(key);
    if (seen !== undefined && seen.size >= MAX_VALUES_PER_KEY) return;
    const value = valueOf(token);
    if (value.length === 0 || value.includes(WILDCARD)) return;
    if (seen === undefined) this.#keyValues.set(key, new Set([value]));
    else seen.add(value);
    const keys = this.#valueKeys.get(value);
    if (keys === undefined) this.#valueKeys.set(value, new Set([key]));
    else if (keys.size < MAX_KEYS_PER_VALUE) keys.add(key);
  }

  /** Values remembered for the position of `key`. */
  valuesAt(key: string): ReadonlySet<string> {
    return this.#keyValues.get(key) ?? new Set();
  }

  /** Live clusters equal to `c` except at `p` (including `c`). */
  siblings(c: Cluster, p: number): Cluster[] {
    const list = this.#siblings.get(c.keys[p]);
    if (list === undefined || list.length < 2) return [];
    return list.filter((o) => sameExcept(o.tokens, c.tokens, p));
  }

  /**
   * A set of siblings (position, clusters not yet wildcards there) of a
   * template other than `c`'s whose remembered values share two or more of
   * `values`, or null. "Other" means a different length or at least two
   * other differing tokens: in a grid like `Starting|Ending X
   * initialization|finalization` the words are constants that combine.
   */
  sharedValues(
    c: Cluster,
    p: number,
    values: ReadonlySet<string>,
    minContext: number,
  ): [number, Cluster[]] | null {
    const own = c.keys[p];
    for (const value of values) {
      for (const key of this.#valueKeys.get(value) ?? []) {
        if (key === own) continue;
        const seen = this.#keyValues.get(key);
        if (seen === undefined || seen.size < 2) continue;
        let shared = 0;
        for (const v of seen) if (values.has(v)) shared++;
        if (shared < 2) continue;
        const list = this.#siblings.get(key);
        if (list === undefined || list.length === 0) continue;
        const q = positionOf(key);
        const first = list[0];
        if (first.tokens.length === c.tokens.length) {
          let differ = 0;
          for (let i = 0; i < c.tokens.length; i++) {
            if (i !== p && i !== q && first.tokens[i] !== c.tokens[i]) differ++;
          }
          if (differ < 2) continue;
        }
        if (constantCount(first.tokens, q) < minContext) continue;
        return [
          q,
          list.filter((o) =>
            sameExcept(o.tokens, first.tokens, q) && !o.tokens[q].includes(WILDCARD)
          ),
        ];
      }
    }
    return null;
  }
}
