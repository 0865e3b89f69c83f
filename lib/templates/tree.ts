/**
 * The fixed-depth parse tree of Drain (He et al., "Drain: An Online Log
 * Parsing Approach with Fixed Depth Tree", ICWS 2017): the first level splits
 * by token count, the next `depth - 2` levels by leading tokens, and each
 * leaf holds the clusters to compare a message with. Comparing against a
 * leaf instead of every cluster is what keeps mining fast.
 *
 * @module
 */

import { WILDCARD } from "./mask.ts";

/**
 * A node of the tree; leaves hold items (the miner's clusters).
 *
 * @example
 * ```ts
 * import { ParseTree } from "./tree.ts";
 * const leaf = new ParseTree<number>(4, 100).leaf(["a", "b"]);
 * leaf.items.length; // 0
 * ```
 */
export interface TreeNode<T> {
  readonly children: Map<string, TreeNode<T>>;
  readonly items: T[];
}

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function node<T>(): TreeNode<T> {
  return { children: new Map(), items: [] };
}

/**
 * Routes token lists to leaves.
 *
 * @example
 * ```ts
 * import { ParseTree } from "./tree.ts";
 * const tree = new ParseTree<string>(4, 100);
 * tree.leaf(["user", "root", "logged", "in"]).items.push("a");
 * tree.find(["user", "root", "logged", "out"], (leaf) => leaf.items[0] ?? null); // "a"
 * ```
 */
export class ParseTree<T> {
  readonly #levels: number;
  readonly #maxChildren: number;
  readonly #byLength = new Map<number, TreeNode<T>>();

  /** `depth` counts the root and the length level, as in Drain. */
  constructor(depth: number, maxChildren: number) {
    this.#levels = depth - 2;
    this.#maxChildren = maxChildren;
  }

  /**
   * The leaf to put a new cluster with these tokens in, created on demand. A
   * token with a digit routes to the `<*>` branch, and so does any new token
   * once a node has `maxChildren` children: a variable in a leading position
   * must not grow the tree without bound.
   */
  leaf(tokens: readonly string[]): TreeNode<T> {
    let current = this.#byLength.get(tokens.length);
    if (current === undefined) {
      current = node();
      this.#byLength.set(tokens.length, current);
    }
    const levels = Math.min(this.#levels, tokens.length);
    for (let d = 0; d < levels; d++) {
      const children: Map<string, TreeNode<T>> = current.children;
      let token = hasDigit(tokens[d]) ? WILDCARD : tokens[d];
      let next = children.get(token);
      if (next === undefined && token !== WILDCARD && children.size >= this.#maxChildren - 1) {
        token = WILDCARD;
        next = children.get(token);
      }
      if (next === undefined) {
        next = node();
        children.set(token, next);
      }
      current = next;
    }
    return current;
  }

  /**
   * Visits the leaves a message can match: at each level the exact token's
   * branch first, then the `<*>` branch; returns the first non-null `visit`.
   */
  find<R>(tokens: readonly string[], visit: (leaf: TreeNode<T>) => R | null): R | null {
    const top = this.#byLength.get(tokens.length);
    if (top === undefined) return null;
    const levels = Math.min(this.#levels, tokens.length);
    const walk = (current: TreeNode<T>, d: number): R | null => {
      if (d === levels) return visit(current);
      const exact = current.children.get(tokens[d]);
      const hit = exact === undefined ? null : walk(exact, d + 1);
      if (hit !== null || tokens[d] === WILDCARD) return hit;
      const wild = current.children.get(WILDCARD);
      return wild === undefined ? null : walk(wild, d + 1);
    };
    return walk(top, 0);
  }
}
