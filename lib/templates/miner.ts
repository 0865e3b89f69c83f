/**
 * A streaming log template miner in the spirit of Drain (He et al., ICWS
 * 2017): mask variables (`./mask.ts`), route through a fixed-depth parse
 * tree (`./tree.ts`), match against the clusters in the leaf. What differs
 * from Drain, each for grouping accuracy measured on the Loghub 2k samples
 * with corrected ground truth (`deno task eval-templates`: about 0.99 with
 * one configuration, where Drain scores 0.865):
 *
 * - a word position becomes `<*>` on evidence, not on a similarity
 *   threshold (`./evidence.ts`): enough distinct words there, or words
 *   shared with another template's variable position;
 * - clusters equal once each run of variables is one `<*>` are one cluster,
 *   so a value that takes one token here and three there (`0 bytes`,
 *   `1190 bytes (1.16 KB)`) does not split a template;
 * - a widened template folds in the leaf-mates it now covers;
 * - a leaf at `leafCapacity` clusters falls back to Drain's similarity merge,
 *   which bounds the work when words vary together.
 *
 * Ids are stable: a cluster keeps its id while its template widens. When
 * two clusters merge, the older id survives and the other becomes an alias;
 * `resolve` maps any id ever returned to the live one, and every method that
 * takes an id resolves it first.
 *
 * @module
 */

import { maskMessage, WILDCARD } from "./mask.ts";
import { ParseTree } from "./tree.ts";
import { type Cluster, Evidence, sameExcept } from "./evidence.ts";
import { collapsedTemplate, constantCount, matchesPattern, valueOf } from "./tokens.ts";
import { checkOptions, DEFAULT_MINER_OPTIONS } from "./options.ts";
import { bestFit, mostSimilar } from "./match.ts";
import type { MinedCluster, MinedTemplates, MinerOptions } from "./options.ts";

export { DEFAULT_MINER_OPTIONS };
export type { MinedCluster, MinedTemplates, MinerOptions };

/**
 * Mines templates from a stream of messages.
 *
 * @example
 * ```ts
 * import { TemplateMiner } from "./miner.ts";
 * const miner = new TemplateMiner();
 * const a = miner.add("Connection from 10.0.0.1 closed");
 * const b = miner.add("Connection from 10.0.0.2 closed");
 * a === b; // true
 * miner.template(a); // "Connection from <*> closed"
 * ```
 */
export class TemplateMiner {
  /** The settings in force (defaults filled in). */
  readonly options: Readonly<MinerOptions>;
  readonly #masks: readonly RegExp[];
  readonly #tree: ParseTree<Cluster>;
  readonly #evidence = new Evidence();
  readonly #clusters: Cluster[] = [];
  /** Union-find over cluster ids; a root is a live id. */
  readonly #parent: number[] = [];
  /** The clusters of each live id. */
  readonly #members = new Map<number, Cluster[]>();
  /** Collapsed template → a cluster that had it. */
  readonly #collapsed = new Map<string, Cluster>();

  constructor(options: Partial<MinerOptions> = {}) {
    const merged = { ...DEFAULT_MINER_OPTIONS, ...options };
    checkOptions(merged);
    this.options = Object.freeze(merged);
    // replace() needs the global flag to mask every occurrence.
    this.#masks = merged.masks.map((re) => re.global ? re : new RegExp(re.source, re.flags + "g"));
    this.#tree = new ParseTree(merged.depth, merged.maxChildren);
  }

  /** Adds one message; returns the id of its cluster. */
  add(message: string): number {
    return this.#addTokens(maskMessage(message, this.#masks), 1);
  }

  /** The live id for any id this miner returned (itself if not merged away). */
  resolve(id: number): number {
    const parent = this.#parent;
    if (!(id >= 0 && id < parent.length)) throw new RangeError(`TemplateMiner: unknown id ${id}`);
    let root = id;
    while (parent[root] !== root) root = parent[root];
    while (parent[id] !== root) {
      const next = parent[id];
      parent[id] = root;
      id = next;
    }
    return root;
  }

  /**
   * The template of a cluster: tokens joined by single spaces. If the
   * cluster spans templates of different lengths, their collapsed form
   * (each run of variables one `<*>`).
   */
  template(id: number): string {
    const members = this.#members.get(this.resolve(id))!;
    const length = members[0].tokens.length;
    if (members.some((m) => m.tokens.length !== length)) {
      let top = members[0];
      for (const m of members) if (m.count > top.count) top = m;
      return collapsedTemplate(top.tokens);
    }
    // Members of one length can differ where one of them widened alone.
    const merged = members[0].tokens.slice();
    for (const m of members) {
      for (let i = 0; i < length; i++) if (merged[i] !== m.tokens[i]) merged[i] = WILDCARD;
    }
    return merged.join(" ");
  }

  /** Messages in a cluster. */
  count(id: number): number {
    let n = 0;
    for (const m of this.#members.get(this.resolve(id))!) n += m.count;
    return n;
  }

  /** The live clusters, by id. */
  clusters(): MinedCluster[] {
    return [...this.#members.keys()].sort((a, b) => a - b).map((id) => ({
      id,
      template: this.template(id),
      count: this.count(id),
    }));
  }

  /** The state as a plain object; see `mergeInto`. */
  export(): MinedTemplates {
    const templates: MinedTemplates["templates"] = [];
    for (const [id, members] of [...this.#members].sort((a, b) => a[0] - b[0])) {
      for (const m of members) {
        const entry: MinedTemplates["templates"][number] = {
          id,
          template: m.tokens.join(" "),
          count: m.count,
        };
        const variables = m.widened.map((position) => ({
          position,
          values: [...this.#evidence.valuesAt(m.keys[position])],
        })).filter((v) => v.values.length > 0);
        if (variables.length > 0) entry.variables = variables;
        templates.push(entry);
      }
    }
    return { version: 1, templates };
  }

  /**
   * Adds a part mined elsewhere (see `mergeInto`); returns part id → id here.
   */
  merge(part: MinedTemplates): Map<number, number> {
    if (part.version !== 1) throw new TypeError(`TemplateMiner: unknown version ${part.version}`);
    const ids = new Map<number, number>();
    for (const entry of part.templates) {
      const tokens = entry.template.length === 0 ? [] : entry.template.split(" ");
      const cluster = this.#clusters[this.#addTokens(tokens, entry.count, entry.variables)];
      const known = ids.get(entry.id);
      // Templates of one part cluster stay one cluster here.
      if (known !== undefined) this.#union(this.#clusters[known], cluster);
      ids.set(entry.id, this.resolve(cluster.id));
    }
    for (const [from, to] of ids) ids.set(from, this.resolve(to));
    return ids;
  }

  /**
   * Re-checks every cluster against all evidence gathered so far: evidence
   * that arrived after a cluster was made (or in a merged part) can join it
   * with others. Returns the number of clusters after.
   */
  compact(): number {
    this.#settle(this.#clusters.filter((c) => c.leaf !== null));
    return this.#members.size;
  }

  #addTokens(
    tokens: string[],
    count: number,
    variables?: readonly { position: number; values: readonly string[] }[],
  ): number {
    let cluster = this.#tree.find(tokens, (leaf) => bestFit(leaf.items, tokens));
    if (cluster !== null) {
      cluster.count += count;
      // Keep learning the values of evidence-made wildcards (bounded).
      for (const p of cluster.widened) this.#evidence.recordValue(cluster.keys[p], tokens[p]);
      if (variables === undefined) return this.resolve(cluster.id);
    } else {
      const leaf = this.#tree.leaf(tokens);
      // A crowded leaf (many same-length templates with the same leading
      // tokens, none fitting) means variables vary together where no one
      // position shows evidence: Drain's fuzzy merge keeps the leaf bounded.
      const { similarity, leafCapacity, crowdedSimilarity } = this.options;
      const threshold = leaf.items.length >= leafCapacity
        ? Math.min(similarity, crowdedSimilarity)
        : similarity;
      cluster = threshold < 1 ? mostSimilar(leaf.items, tokens, threshold) : null;
      if (cluster !== null) {
        cluster.count += count;
        const diff: number[] = [];
        for (let i = 0; i < tokens.length; i++) {
          if (!matchesPattern(cluster.tokens[i], tokens[i])) diff.push(i);
        }
        this.#widen([cluster], diff, WILDCARD);
      } else {
        cluster = {
          id: this.#clusters.length,
          tokens: tokens.slice(),
          count,
          leaf,
          keys: [],
          widened: [],
          open: constantCount(tokens) > 0,
        };
        this.#clusters.push(cluster);
        this.#parent.push(cluster.id);
        this.#members.set(cluster.id, [cluster]);
        leaf.items.push(cluster);
        this.#evidence.add(cluster);
      }
    }
    for (const { position, values } of variables ?? []) {
      if (position >= tokens.length || cluster.tokens[position] !== WILDCARD) continue;
      if (!cluster.widened.includes(position)) cluster.widened.push(position);
      for (const v of values) this.#evidence.recordValue(cluster.keys[position], v);
    }
    this.#settle([cluster]);
    return this.resolve(cluster.id);
  }

  #union(a: Cluster, b: Cluster): void {
    let keep = this.resolve(a.id);
    let drop = this.resolve(b.id);
    if (keep === drop) return;
    // The older id survives, so ids handed out early stay meaningful.
    if (drop < keep) [keep, drop] = [drop, keep];
    this.#parent[drop] = keep;
    this.#members.get(keep)!.push(...this.#members.get(drop)!);
    this.#members.delete(drop);
  }

  /** Sets `positions` of each cluster to `pattern` and joins them in one id. */
  #widen(clusters: readonly Cluster[], positions: readonly number[], pattern: string): void {
    for (const c of clusters) {
      this.#union(clusters[0], c);
      if (positions.every((p) => c.tokens[p] === pattern)) continue;
      this.#evidence.remove(c);
      for (const p of positions) {
        c.tokens[p] = pattern;
        if (!c.widened.includes(p)) c.widened.push(p);
      }
      c.open = constantCount(c.tokens) > 0;
      this.#evidence.add(c);
      // A wildcard in a leading token moves the cluster to the `<*>` branch,
      // where messages with new values there will find it.
      const leaf = this.#tree.leaf(c.tokens);
      if (leaf !== c.leaf) {
        c.leaf!.items.splice(c.leaf!.items.indexOf(c), 1);
        leaf.items.push(c);
        c.leaf = leaf;
      }
    }
  }

  /** Folds `c` into `into`: same id, its count moved, out of the tree and index. */
  #retire(c: Cluster, into: Cluster): void {
    this.#union(into, c);
    into.count += c.count;
    c.count = 0;
    // Its id stays an alias (union-find); the member list keeps live ones only.
    const members = this.#members.get(this.resolve(into.id))!;
    members.splice(members.indexOf(c), 1);
    this.#evidence.remove(c);
    c.leaf!.items.splice(c.leaf!.items.indexOf(c), 1);
    c.leaf = null;
  }

  /** Applies the merge rules to `start` and to every cluster they change. */
  #settle(start: readonly Cluster[]): void {
    const work = start.slice();
    while (work.length > 0) {
      const c = work.pop()!;
      if (c.leaf === null) continue;
      // A widening can make two clusters of one leaf equal: keep one.
      const twin = c.leaf.items.find((o) => o !== c && sameExcept(o.tokens, c.tokens, -1));
      if (twin !== undefined) {
        this.#retire(c, twin);
        work.push(twin);
        continue;
      }
      // Leaf-mates the (widened) template now covers are redundant: fold them in.
      for (const o of c.leaf.items.slice()) {
        if (o !== c && o.tokens.every((t, i) => matchesPattern(c.tokens[i], t))) this.#retire(o, c);
      }
      let changed: readonly Cluster[] = [];
      for (let p = 0; p < c.tokens.length && changed.length === 0; p++) {
        changed = this.#varyAt(c, p);
      }
      if (changed.length > 0) {
        work.push(...changed);
        continue;
      }
      // Equal once each run of variables is one `<*>`: one template.
      if (!c.open) continue;
      const collapsed = collapsedTemplate(c.tokens);
      const other = this.#collapsed.get(collapsed);
      if (
        other === undefined || other.leaf === null || collapsedTemplate(other.tokens) !== collapsed
      ) {
        this.#collapsed.set(collapsed, c);
      } else {
        this.#union(other, c);
      }
    }
  }

  /**
   * Widens position `p` of `c` and its siblings if the evidence says it is
   * variable; returns the clusters changed.
   */
  #varyAt(c: Cluster, p: number): readonly Cluster[] {
    const members = this.#evidence.siblings(c, p);
    if (members.length < 2) return [];
    // A word varies only against a fixed context: with nothing constant
    // around, "ok", "done" and "failed" would all be one template.
    const { minContext, minDistinct } = this.options;
    if (constantCount(c.tokens, p) < minContext) return [];
    // A wildcard (or pattern like `uid=<*>`) there already: the others join it.
    let pattern: string | null = null;
    for (const o of members) {
      const t = o.tokens[p];
      if (t === WILDCARD) {
        pattern = t;
        break;
      }
      if (pattern === null && t.includes(WILDCARD)) pattern = t;
    }
    if (pattern !== null) {
      const general = pattern;
      const fits = members.filter((o) => matchesPattern(general, o.tokens[p]));
      if (fits.length < 2 || fits.every((o) => o.tokens[p] === general)) return [];
      this.#widen(fits, [p], general);
      return fits;
    }
    const values = new Set(members.map((o) => o.tokens[p]));
    if (values.size >= minDistinct) {
      this.#widen(members, [p], WILDCARD);
      return members;
    }
    const shared = this.#evidence.sharedValues(c, p, new Set([...values].map(valueOf)), minContext);
    if (shared === null) return [];
    this.#widen(members, [p], WILDCARD);
    const [q, others] = shared;
    if (others.length === 0) return members;
    this.#widen(others, [q], WILDCARD);
    return [...members, ...others];
  }
}

/**
 * Merges a part mined elsewhere (a worker's `export()`) into `target`: each
 * part template is re-added with its count, so equal and mergeable
 * templates join, and the part's variable values join the evidence. Returns
 * a map from each of the part's ids to the target's id for it: after the
 * merge, ids from the part mean nothing in the target until remapped. Like
 * any `add`, a merge can also join target clusters, so target ids handed
 * out before stay valid only through `target.resolve`.
 *
 * @example
 * ```ts
 * import { mergeInto, TemplateMiner } from "./miner.ts";
 * const worker = new TemplateMiner();
 * const w = worker.add("disk sda1 full");
 * const main = new TemplateMiner();
 * main.add("service started");
 * const ids = mergeInto(main, worker.export());
 * main.template(ids.get(w)!); // "disk sda1 full"
 * ```
 */
export function mergeInto(target: TemplateMiner, part: MinedTemplates): Map<number, number> {
  return target.merge(part);
}
