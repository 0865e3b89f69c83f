/**
 * Grouping the store's masked templates into mined templates.
 *
 * Workers mask messages (numbers, ids, addresses → `<*>`): exact, cheap on
 * bytes, and mergeable by string, so any partitioning and any sequence of
 * incremental runs count the same masked templates. The miner then runs once
 * over the distinct masked templates in a fixed order, by when each was first
 * seen in the logs (then by text), so its grouping (which depends on the order
 * it sees messages in) is the same however the counts were gathered: an
 * incremental run and a rebuild show the same templates.
 * There are thousands of distinct masked templates, not millions of rows, so
 * this costs milliseconds.
 *
 * @module
 */

import { TemplateMiner } from "./miner.ts";
import type { MinerOptions } from "./miner.ts";

/**
 * The mined template of each masked template (same order as given), mined in
 * the order of `firstSeen` (then text) when given, else by text.
 *
 * @example
 * ```ts
 * import { groupTemplates } from "./group_templates.ts";
 * const users = ["alice", "bob", "carol", "dave", "erin"].map((u) => `User ${u} logged in`);
 * new Set(groupTemplates(users)).size; // 1
 * ```
 */
export function groupTemplates(
  templates: readonly string[],
  options: Partial<MinerOptions> = {},
  firstSeen?: readonly number[],
): string[] {
  const miner = new TemplateMiner(options);
  const order = templates.map((_, i) => i).sort((a, b) =>
    (firstSeen ? firstSeen[a] - firstSeen[b] : 0) ||
    (templates[a] < templates[b] ? -1 : templates[a] > templates[b] ? 1 : a - b)
  );
  const ids = new Array<number>(templates.length);
  for (const i of order) ids[i] = miner.add(templates[i]);
  miner.compact();
  return ids.map((id) => miner.template(id));
}
