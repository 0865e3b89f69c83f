/**
 * Writes `rejected.csv` from the store's `rejected` table, doing only the
 * work the table's changes need. A follow or incremental pass used to
 * rewrite the whole file, reading and encoding every rejected row the store
 * ever kept (0.4 s per pass for 100,000 rows), even when the pass added none.
 *
 * - Nothing changed since the last write, and the file is as it was left:
 *   the file stays.
 * - The table only gained rows that sort after the last row written (a
 *   growing log): the file is copied and the new rows appended to the copy,
 *   which then replaces it, so readers still see the old file or the new one.
 * - Anything else (rows deleted or renamed, the file touched or gone, another
 *   path): the whole file is written again.
 *
 * Every outcome is the file a full write would give: the rows ordered by
 * file, line and sequence. Rows are read in seq order, which is nearly always
 * file order already, and sorted by SQLite only when they turn out not to be.
 * What was written is kept in the store's `meta`.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import { getMeta, setMeta } from "../store/open.ts";
import { REJECTED_GENERATION } from "../store/write_scan.ts";
import { writeFileAtomic } from "./atomic.ts";
import { encodeCsvChunks } from "./csv_encode.ts";

/** A row of the `rejected` table as read for `rejected.csv`: its columns, then its seq. */
type RejectedCells = [file: string, line: number, reason: string, raw: string, seq: number];

/** The columns of `rejected.csv`. */
export const REJECTED_COLUMNS = ["file", "line", "reason", "raw"] as const;

/** Store `meta` key of what the last export wrote. */
const EXPORTED = "rejected_export";

/** What an export wrote, to tell the next one what is already on disk. */
interface ExportedState {
  path: string;
  size: number;
  mtimeMs: number | null;
  generation: number;
  count: number;
  maxSeq: number;
  /** The last row written, in file order: [file, line, seq]; null when none. */
  last: [string, number, number] | null;
}

/** How {@linkcode writeRejectedCsv} brought the file up to date. */
export type RejectedWrite = "unchanged" | "appended" | "rewritten";

/** The rows past a seq, as {@linkcode RejectedCells}. */
const ROWS_AFTER = "SELECT file, line, reason, raw, seq FROM rejected WHERE seq > ?";

/**
 * Brings `path` up to date with the `rejected` table of `db`.
 *
 * @example
 * ```ts
 * import { writeRejectedCsv } from "./rejected_csv.ts";
 * // await writeRejectedCsv(db, "reports/rejected.csv"); // "rewritten", then "unchanged"
 * ```
 */
export async function writeRejectedCsv(db: DatabaseSync, path: string): Promise<RejectedWrite> {
  const generation = getMeta<number>(db, REJECTED_GENERATION) ?? 0;
  // MAX(seq) comes from the rowid tree; COUNT(*) reads the whole table, so only when needed.
  const { maxSeq } = db.prepare("SELECT COALESCE(MAX(seq), -1) AS maxSeq FROM rejected")
    .get() as { maxSeq: number };
  const before = getMeta<ExportedState>(db, EXPORTED);
  const intact = before !== undefined && before.path === path &&
    before.generation === generation && await fileIs(path, before.size, before.mtimeMs);

  // What is on disk already when appending: only the rows past its last seq are written.
  let written: ExportedState | undefined;
  if (intact) {
    const { count } = db.prepare("SELECT COUNT(*) AS count FROM rejected").get() as {
      count: number;
    };
    if (before.count === count && before.maxSeq === maxSeq) return "unchanged";
    if (appendsInOrder(db, before, count)) written = before;
  }
  const append = written !== undefined;
  const after = written?.maxSeq ?? Number.MIN_SAFE_INTEGER;
  let last: ExportedState["last"] = null;
  // Rows in the file: a rewrite writes every row, an append the rows past written.maxSeq.
  let count = 0;
  const write = (rows: Iterable<RejectedCells>) => {
    last = written?.last ?? null;
    count = written?.count ?? 0;
    const seen = tracked(rows, (row) => {
      last = [row[0], row[1], row[4]];
      count++;
    });
    return writeFileAtomic(
      path,
      encodeCsvChunks(REJECTED_COLUMNS, seen, !append),
      append ? { appendTo: path } : {},
    );
  };
  // An intact file that cannot be appended to means rows were added that
  // sort before its end: the table is out of seq order, so sort at once.
  const sortFirst = intact && !append;
  try {
    await write(sortFirst ? rowsSorted(db, after) : rowsBySeq(db, after));
  } catch (error) {
    if (!(error instanceof NotInFileOrder)) throw error;
    await write(rowsSorted(db, after));
  }
  const stat = await Deno.stat(path);
  setMeta(
    db,
    EXPORTED,
    {
      path,
      size: stat.size,
      mtimeMs: stat.mtime?.getTime() ?? null,
      generation,
      count,
      maxSeq,
      last,
    } satisfies ExportedState,
  );
  return append ? "appended" : "rewritten";
}

/** Whether the rows added since `before` all sort after its last row (and are all that changed). */
function appendsInOrder(db: DatabaseSync, before: ExportedState, count: number): boolean {
  const { added } = db.prepare("SELECT COUNT(*) AS added FROM rejected WHERE seq > ?")
    .get(before.maxSeq) as { added: number };
  if (before.count + added !== count) return false;
  if (before.last === null) return true;
  const { early } = db.prepare(
    "SELECT COUNT(*) AS early FROM rejected WHERE seq > ? AND (file, line, seq) <= (?, ?, ?)",
  ).get(before.maxSeq, ...before.last) as { early: number };
  return early === 0;
}

/** Whether `path` is a file of `size` bytes last modified at `mtimeMs`. */
async function fileIs(path: string, size: number, mtimeMs: number | null): Promise<boolean> {
  try {
    const stat = await Deno.stat(path);
    return stat.isFile && stat.size === size && (stat.mtime?.getTime() ?? null) === mtimeMs;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Rows read per page by {@linkcode rowsBySeq}. */
const PAGE_ROWS = 4096;

/** Thrown by {@linkcode rowsBySeq} at the first row out of file order. */
class NotInFileOrder extends Error {}

/**
 * The rows past seq `after`, in seq order, read a page at a time; throws
 * {@linkcode NotInFileOrder} at the first row that sorts before the one
 * before it. A run stores each file's rejected rows in line order and the
 * files in name order, so the table is nearly always in file order already:
 * reading it by seq needs no sort of the whole table, and a page's rows cross
 * into JavaScript in one call (a row at a time costs ~2 µs, 0.2 s for
 * 100,000 rows).
 */
function* rowsBySeq(db: DatabaseSync, after: number): Generator<RejectedCells> {
  const page = db.prepare(
    `${ROWS_AFTER} ORDER BY seq LIMIT ${PAGE_ROWS}`,
  );
  returnArrays(page);
  let previous: RejectedCells | undefined;
  for (let from = after;;) {
    const rows = page.all(from) as unknown as RejectedCells[];
    for (const row of rows) {
      if (previous !== undefined && !inFileOrder(previous, row)) throw new NotInFileOrder();
      previous = row;
      yield row;
    }
    if (rows.length < PAGE_ROWS) return;
    from = rows[rows.length - 1][4];
  }
}

/** The rows past seq `after`, sorted by SQLite: for a table not in file order. */
function rowsSorted(db: DatabaseSync, after: number): Iterable<RejectedCells> {
  const sorted = db.prepare(`${ROWS_AFTER} ORDER BY file, line, seq`);
  returnArrays(sorted);
  return sorted.iterate(after) as unknown as Iterable<RejectedCells>;
}

/**
 * Makes `statement` return rows as arrays: no property names per row. Deno's
 * `node:sqlite` has `setReturnArrays` (as Node 24 does); its types lack it.
 */
function returnArrays(statement: StatementSync): void {
  (statement as StatementSync & { setReturnArrays(enabled: boolean): void }).setReturnArrays(true);
}

const utf8 = new TextEncoder();

/**
 * Whether `row` comes after `previous` in `ORDER BY file, line, seq` (seq
 * order holds: rows are read by seq). SQLite orders text by its UTF-8
 * bytes, which JavaScript's `<` on UTF-16 units does not match beyond the
 * BMP, so differing names are compared as bytes (names change rarely).
 */
function inFileOrder(previous: RejectedCells, row: RejectedCells): boolean {
  if (previous[0] === row[0]) return previous[1] <= row[1];
  const a = utf8.encode(previous[0]);
  const b = utf8.encode(row[0]);
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length < b.length;
}

/** `rows`, telling `seen` each row as it passes. */
function* tracked<T>(rows: Iterable<T>, seen: (row: T) => void): Generator<T> {
  for (const row of rows) {
    seen(row);
    yield row;
  }
}
