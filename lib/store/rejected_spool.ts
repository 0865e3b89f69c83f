/**
 * Holds a parse run's rejected rows outside the JavaScript heap until the run
 * commits. A file with a bad line in every hundred has a hundred thousand
 * rejected rows per ten million; kept in memory they grew the run's peak by
 * ~100 MB, so memory followed rows instead of keys.
 *
 * Rows go to a TEMP table of the store's connection in batches. A temp table
 * is private to the connection and vanishes with it, so a run that dies
 * leaves nothing behind; {@linkcode RejectedSpool.commitInto} copies the rows
 * into `rejected` inside the run's own commit transaction.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { RejectedRow } from "../engine/run_scan.ts";

/** Rows buffered before one insert transaction. */
const BATCH_ROWS = 2048;

/**
 * A spool of rejected rows in a temp table.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { RejectedSpool } from "./rejected_spool.ts";
 * const db = new DatabaseSync(":memory:");
 * db.exec("CREATE TABLE rejected (seq INTEGER, file TEXT, line INTEGER, reason TEXT, raw TEXT)");
 * const spool = new RejectedSpool(db);
 * spool.add({ file: "app.csv", line: 7, reason: "expected 6 fields, found 4", raw: "a,b,c,d" });
 * spool.flush();
 * spool.commitInto(0); // run inside the commit transaction: rows get seq 0, 1, …
 * ```
 */
export class RejectedSpool {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  #batch: RejectedRow[] = [];
  #count = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS spooled_rejected (file TEXT, line INTEGER, reason TEXT, raw TEXT)",
    );
    db.exec("DELETE FROM temp.spooled_rejected");
    this.#insert = db.prepare(
      "INSERT INTO temp.spooled_rejected (file, line, reason, raw) VALUES (?, ?, ?, ?)",
    );
  }

  /** Rows added so far. */
  get count(): number {
    return this.#count;
  }

  /** Adds one rejected row (written with the next batch). */
  add(row: RejectedRow): void {
    this.#batch.push(row);
    this.#count++;
    if (this.#batch.length >= BATCH_ROWS) this.flush();
  }

  /** Writes the buffered rows to the temp table. Call before {@linkcode commitInto}. */
  flush(): void {
    if (this.#batch.length === 0) return;
    const rows = this.#batch;
    this.#batch = [];
    this.#db.exec("BEGIN");
    try {
      for (const row of rows) this.#insert.run(row.file, row.line, row.reason, row.raw);
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /**
   * Copies every spooled row into `rejected`, numbered from `firstSeq` in the
   * order they were added. Runs inside the caller's transaction.
   */
  commitInto(firstSeq: number): void {
    this.#db.prepare(
      `INSERT INTO rejected (seq, file, line, reason, raw)
       SELECT ? + ROW_NUMBER() OVER (ORDER BY rowid) - 1, file, line, reason, raw
       FROM temp.spooled_rejected ORDER BY rowid`,
    ).run(firstSeq);
    this.#db.exec("DELETE FROM temp.spooled_rejected");
  }
}
