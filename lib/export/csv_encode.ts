/**
 * CSV encoding for reports: RFC 4180 quoting, and spreadsheet formula
 * neutralisation so a log line can never run as a formula when an operator
 * opens a report in a spreadsheet.
 *
 * @module
 */

/** A report cell. */
export type Cell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Encodes one cell: numbers as they are; text starting with `=`, `+`, `-`,
 * `@`, TAB or CR prefixed with `'`; quoted when it holds `"`, `,`, CR or LF.
 *
 * @example
 * ```ts
 * import { encodeCell } from "./csv_encode.ts";
 * encodeCell('=HYPERLINK("x")'); // "\"'=HYPERLINK(\"\"x\"\")\""
 * encodeCell(-1.5); // "-1.5"
 * ```
 */
export function encodeCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = startsFormula(cell.charCodeAt(0)) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `=`, `+`, `-`, `@`, TAB or CR: a spreadsheet would run the cell as a formula. */
function startsFormula(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 ||
    code === 0x0d;
}

/**
 * Encodes rows as CSV with a header line, LF line endings and a final newline.
 *
 * @example
 * ```ts
 * import { encodeCsv } from "./csv_encode.ts";
 * encodeCsv(["a", "b"], [{ a: 1, b: "x,y" }]); // 'a,b\n1,"x,y"\n'
 * ```
 */
export function encodeCsv<Row extends { [K in keyof Row]: Cell }>(
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): string {
  const cells = rows.map((row) => columns.map((column) => row[column] as Cell));
  return [...encodeCsvChunks(columns, cells)].join("");
}

/** Characters per chunk of {@linkcode encodeCsvChunks}. */
const CHUNK_CHARS = 1 << 16;

/**
 * {@linkcode encodeCsv} for rows given as cell arrays (the first
 * `columns.length` cells of each are written), as a sequence of chunks of
 * about 64 K characters: for row sets too large to hold as one string
 * (rejected rows of a big bad file), read from the store as arrays. Joined,
 * the chunks are exactly `encodeCsv`'s output (without its header line when
 * `header` is false: rows to append to a file).
 *
 * @example
 * ```ts
 * import { encodeCsvChunks } from "./csv_encode.ts";
 * [...encodeCsvChunks(["a", "b"], [[1, "x"], [2, "y,z"]])].join(""); // 'a,b\n1,x\n2,"y,z"\n'
 * ```
 */
export function* encodeCsvChunks(
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
  header = true,
): Generator<string> {
  const width = columns.length;
  let chunk = header ? columns.join(",") + "\n" : "";
  for (const row of rows) {
    let line = width > 0 ? encodeCell(row[0]) : "";
    for (let c = 1; c < width; c++) line += "," + encodeCell(row[c]);
    chunk += line + "\n";
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}
