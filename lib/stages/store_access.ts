/**
 * Opening the store for a stage that needs an earlier stage's output, with the
 * message that names the task to run first.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { MissingInputError } from "../cli/exit.ts";
import { getMeta, openStore, storeExists, storePath } from "../store/open.ts";
import type { ParseRun } from "../store/write_scan.ts";

/**
 * Opens the store and its parse marker, or throws {@linkcode MissingInputError}.
 *
 * @example
 * ```ts
 * import { openParsedStore } from "./store_access.ts";
 * // const { db, parseRun } = openParsedStore("data/state");
 * ```
 */
export function openParsedStore(stateDir: string): { db: DatabaseSync; parseRun: ParseRun } {
  if (!storeExists(stateDir)) {
    throw new MissingInputError(
      `no store at ${storePath(stateDir)}; run \`deno task parse\` first`,
    );
  }
  const db = openStore(stateDir, { create: false });
  const parseRun = getMeta<ParseRun>(db, "parse_run");
  if (!parseRun) {
    db.close();
    throw new MissingInputError(`the store holds no parsed data; run \`deno task parse\` first`);
  }
  return { db, parseRun };
}
