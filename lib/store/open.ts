/**
 * Opening the store and reading/writing stage markers.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { MissingInputError } from "../cli/exit.ts";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.ts";

/** The store's file name inside `output.state_dir`. */
export const STORE_FILE = "logpulse.db";

/**
 * The store's path for a state directory.
 *
 * @example
 * ```ts
 * import { storePath } from "./open.ts";
 * storePath("data/state"); // "data/state/logpulse.db"
 * ```
 */
export function storePath(stateDir: string): string {
  return join(stateDir, STORE_FILE);
}

/**
 * Opens (creating when asked) the store in WAL mode with the schema applied.
 *
 * @example
 * ```ts
 * import { openStore } from "./open.ts";
 * // const db = openStore("data/state", { create: true });
 * ```
 */
export function openStore(stateDir: string, options: { create: boolean }): DatabaseSync {
  if (options.create) Deno.mkdirSync(stateDir, { recursive: true });
  const db = new DatabaseSync(storePath(stateDir));
  // 32 KiB pages (for a new store; an existing one keeps its size): the
  // cube's BLOBs span many pages, and a full run's commit wrote ~2,300 4 KiB
  // WAL frames in 37 ms where 300 of 32 KiB take 5 ms.
  db.exec(
    "PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
  );
  db.exec(SCHEMA_SQL);
  const version = getMeta<number>(db, "schema_version");
  if (version === undefined) setMeta(db, "schema_version", SCHEMA_VERSION);
  else if (version !== SCHEMA_VERSION) {
    if (!options.create) {
      db.close();
      throw new MissingInputError(
        `store ${
          storePath(stateDir)
        } was written by another logpulse version; run \`deno task pipeline\` to rebuild it`,
      );
    }
    // The store is derived from the input and rebuilt by every run: start it afresh.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables) db.exec(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
    db.exec(SCHEMA_SQL);
    setMeta(db, "schema_version", SCHEMA_VERSION);
  }
  return db;
}

/**
 * Whether the store file exists.
 *
 * @example
 * ```ts
 * import { storeExists } from "./open.ts";
 * storeExists("/nonexistent"); // false
 * ```
 */
export function storeExists(stateDir: string): boolean {
  try {
    return Deno.statSync(storePath(stateDir)).isFile;
  } catch {
    return false;
  }
}

/**
 * Reads a JSON value from `meta`.
 *
 * @example
 * ```ts
 * import { getMeta } from "./open.ts";
 * // const run = getMeta<ParseRun>(db, "parse_run");
 * ```
 */
export function getMeta<T>(db: DatabaseSync, key: string): T | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row ? JSON.parse(row.value) as T : undefined;
}

/**
 * Writes a JSON value to `meta`.
 *
 * @example
 * ```ts
 * import { setMeta } from "./open.ts";
 * // setMeta(db, "analytics_run", { runId: 3 });
 * ```
 */
export function setMeta(db: DatabaseSync, key: string, value: unknown): void {
  db.prepare(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  )
    .run(key, JSON.stringify(value));
}

/**
 * Runs `work` in one transaction: all of it lands or none.
 *
 * @example
 * ```ts
 * import { transaction } from "./open.ts";
 * // transaction(db, () => { ... });
 * ```
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}
