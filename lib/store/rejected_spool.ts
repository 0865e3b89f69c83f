/**
 * Holds a parse run's rejected rows outside the JavaScript heap until the run
 * commits. A file with a bad line in every hundred has a hundred thousand
 * rejected rows per ten million; kept in memory they grew the run's peak by
 * ~100 MB, so memory followed rows instead of keys.
 *
 * Rows go in batches to `rejected_spool`, a table shaped like `rejected` that
 * nothing reads. A full run's commit renames it to `rejected` (replacing the
 * old table in the same transaction: no copy, however many rows); an
 * incremental run's commit copies its few rows in. A run that dies before
 * its commit leaves only the spool, which the next run's spool drops.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { RejectedRow } from "../engine/run_scan.ts";
import { REJECTED_COLUMNS_SQL } from "./schema.ts";

/** Rows buffered before one insert transaction. */
const BATCH_ROWS = 2048;

/**
 * Rows per `INSERT` statement. Each statement call through `node:sqlite`
 * costs ~1.7 µs whatever it inserts, more than SQLite's own work for a row;
 * 64 rows per call took the spool from ~0.3 to ~0.16 s of main-thread time
 * per 100,000 rows, time the workers otherwise get.
 */
const ROWS_PER_INSERT = 64;

/**
 * A spool of rejected rows in the store's `rejected_spool` table.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { RejectedSpool } from "./rejected_spool.ts";
 * const db = new DatabaseSync(":memory:");
 * db.exec("CREATE TABLE rejected (seq INTEGER PRIMARY KEY, file TEXT, line INTEGER, reason TEXT, raw TEXT)");
 * const spool = new RejectedSpool(db);
 * spool.add({ file: "app.csv", line: 7, reason: "expected 6 fields, found 4", raw: "a,b,c,d" });
 * spool.flush();
 * spool.appendInto(0); // inside the commit transaction: rows get seq 0, 1, …
 * ```
 */
export class RejectedSpool {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #insertMany: StatementSync;
  readonly #params: (string | number)[] = [];
  #batch: RejectedRow[] = [];
  #count = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
    // Whatever a run that died left behind goes.
    db.exec("DROP TABLE IF EXISTS rejected_spool");
    db.exec(`CREATE TABLE rejected_spool ${REJECTED_COLUMNS_SQL}`);
    const insert = "INSERT INTO rejected_spool (file, line, reason, raw) VALUES (?, ?, ?, ?)";
    this.#insert = db.prepare(insert);
    // VALUES rows are inserted in their order, so seq still follows add().
    this.#insertMany = db.prepare(insert + ", (?, ?, ?, ?)".repeat(ROWS_PER_INSERT - 1));
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

  /** Writes the buffered rows to the spool. Call before {@linkcode appendInto} or {@linkcode replaceInto}. */
  flush(): void {
    if (this.#batch.length === 0) return;
    const rows = this.#batch;
    this.#batch = [];
    this.#db.exec("BEGIN");
    try {
      const params = this.#params;
      let i = 0;
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        params.length = 0;
        for (let j = i; j < i + ROWS_PER_INSERT; j++) {
          const row = rows[j];
          params.push(row.file, row.line, row.reason, row.raw);
        }
        this.#insertMany.run(...params);
      }
      for (; i < rows.length; i++) {
        const row = rows[i];
        this.#insert.run(row.file, row.line, row.reason, row.raw);
      }
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /**
   * Copies every spooled row into `rejected`, numbered from `firstSeq` in the
   * order they were added, and drops the spool. Runs inside the caller's
   * transaction.
   */
  appendInto(firstSeq: number): void {
    this.#db.prepare(
      `INSERT INTO rejected (seq, file, line, reason, raw)
       SELECT ? + seq - 1, file, line, reason, raw FROM rejected_spool ORDER BY seq`,
    ).run(firstSeq);
    this.#db.exec("DROP TABLE rejected_spool");
  }

  /**
   * Makes the spooled rows all of `rejected` (numbered from 1 in the order
   * they were added): the old table is dropped and the spool renamed in its
   * place. Runs inside the caller's transaction.
   */
  replaceInto(): void {
    this.#db.exec("DROP TABLE rejected");
    this.#db.exec("ALTER TABLE rejected_spool RENAME TO rejected");
  }
}
