/**
 * Cases shared by the masker tests (mask_bytes_test.ts checks `ByteMasker`
 * against `maskMessage`, mask_wasm_test.ts checks `WasmMasker` against
 * `ByteMasker`): the Loghub 2k contents (the shared datasets are required: a
 * missing file fails), the documented examples, hand-picked edge cases and
 * invalid UTF-8.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { SHARED_DATASETS } from "../shared_datasets.ts";
import { LOGHUB_DATASETS } from "../../lib/templates/loghub.ts";

const LOGHUB = join(SHARED_DATASETS, "loghub_2k");
const encoder = new TextEncoder();

/** Whether `a` and `b` hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let loghubCache: string[] | undefined;

/** Every `Content` of the 16 datasets; throws if a file is missing. */
export function loghubContents(): string[] {
  if (loghubCache) return loghubCache;
  const contents: string[] = [];
  for (const name of LOGHUB_DATASETS) {
    const csv = Deno.readTextFileSync(`${LOGHUB}/${name}/${name}_2k.log_structured.csv`);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2000, `${name}: rows`);
    for (const row of rows) {
      assert.equal(typeof row.Content, "string", `${name}: Content column`);
      contents.push(row.Content);
    }
  }
  return (loghubCache = contents);
}

/** The chunks' bytes one after another, in one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * The Loghub contents UTF-8 encoded into one buffer, content `i` at
 * `all[offsets[i], offsets[i + 1])`: how a worker's masker sees messages.
 */
export function loghubBuffer(): { contents: string[]; all: Uint8Array; offsets: number[] } {
  const contents = loghubContents();
  const encoded = contents.map((c) => encoder.encode(c));
  const offsets = [0];
  for (const e of encoded) offsets.push(offsets[offsets.length - 1] + e.length);
  return { contents, all: concatBytes(encoded), offsets };
}

/** The JSDoc examples of mask.ts, mask_bytes.ts and mask_wasm.ts, with their templates. */
export const DOCUMENTED_MASKS: readonly [string, string][] = [
  // JSDoc examples of mask.ts (`maskMessage`, and `maskToken` as a message).
  [
    "Received block blk_-42 of size 67108864 from /10.0.0.1",
    "Received block <*> of size <*> from <*>",
  ],
  ["at Fri Jun 17 07:07:00 2005, took 12 ms", "at <*> <*> <*> <*> <*>, took <*> <*>"],
  ["42", "<*>"],
  ["(uid=0)", "(uid=<*>)"],
  ["10.0.0.1:8080,", "<*>,"],
  ["ssh2", "ssh2"],
  // JSDoc example of mask_bytes.ts and mask_wasm.ts.
  ["Accepted uid=0 from 10.0.0.1:22, took 12 ms", "Accepted uid=<*> from <*>, took <*> <*>"],
];

/** Hand-picked cases around every rule (blank, separators, brackets, variable words, dates, units, non-ASCII). */
export const MASK_EDGE_CASES = [
  // Blank: the masker gives length 0.
  "",
  " ",
  "   ",
  "\t \r\n\v\f",
  " a  b\t\tc\r\n",
  // Separators with nothing on one side, brackets, quotes, commas.
  "name=",
  "=value",
  "=",
  "name:",
  ":value",
  "name(",
  "f()",
  "f(1)",
  "f(x)",
  "((x))",
  "((1))",
  "([1)]",
  "(1,",
  "[{<\"'1'\">}]",
  "[{<\"'a1b'\">}],;:.",
  '"quoted 42"',
  "'a' '1'",
  "<*>",
  "<*",
  "*>",
  "x<*> ms",
  "a,b,,1",
  ",",
  ",,",
  ",1,",
  "(a,1)",
  "(a=1,b=x)",
  "a=1,b=2,c",
  "1,2,3;",
  "k=v=1",
  "key:1:2",
  "host.name:80",
  "a.b:c",
  "http://x/y",
  "a:/x",
  "a..b",
  "a..1",
  "instruction......1",
  "instruction......x",
  "a....",
  "x.y.z/w",
  "/",
  "/a",
  "a/b",
  "a/b/c",
  "f(a/b/c)",
  "f(x=1)",
  "f(x(1))",
  // Variable words and the `eth1` exception around its length limits.
  "eth1 ssh2 wl0 a1 ab1 abc12 1a 0x1f blk_-123",
  "eth1, (eth1) eth1. x=eth1 x=ab1 x=a1 f(eth1)",
  "deadbeef deadbee DEADBEEF1 abcdefabcdef deadbeef, deadbee.",
  "x=deadbee x=deadbeef (deadbee) (deadbeef) deadbee=deadbeef",
  "true True TRUE tRue false False FALSE null Null NULL nil truex",
  "(true), null; FALSE. x=true f(null) a=NULL,b=False",
  // Dates and units next to masked numbers.
  "Jun 9 10:00:00",
  "Mon Jun 9",
  "Jan Feb 5",
  "5 Jan Feb",
  "Jan Mon 5",
  "Mon Jan 5",
  "5 Mon ms",
  "Mon 5 ms",
  "5 Jan KB",
  "Jan, 5",
  "Jan 5,",
  "jan 5 JAN 5 Janu 5",
  "5 KB",
  "12 ms,",
  "(1.2 KB)",
  "1.2 KB) x",
  "5 B B ms",
  "5 ms. s",
  "5 ms s sec secs bytes",
  "x=5 bytes",
  "5, KB",
  "KB 5",
  "a<*> ms",
  "5 KiB; 6 MiB: 7 secs",
  "5 kb 5 Kb 5 KB. 5 KB), 5 (KB)",
  "<*> B",
  // Non-ASCII: UTF-16 code units versus bytes.
  "café=1",
  "é1",
  "éé1",
  "ab€1",
  "a€1",
  "é",
  "日本語 42",
  "日本語=42",
  "名前:値",
  "x=é",
  "x=éééé",
  "éééééééé",
  "é/é/é",
  "/é",
  "(é)",
  "é,1",
  "→ 5 → ms",
  "emoji 😀 5 ms 😀1 a😀 😀=1",
  "a\u00a0b 1\u00a0KB",
  "\u2028 \u2029",
  "mid\ufeffdle 5",
  "\ufeffJan 5",
  "\ufeff\ufeffJan 5",
  "\ufeff",
  "\ufeff ",
  "\0 1\0",
];

/** Invalid UTF-8 and byte-order marks: messages that go through `TextDecoder` first. */
export const INVALID_UTF8_CASES: readonly number[][] = [
  [0xff],
  [0x80],
  [0x31, 0x80],
  [0x80, 0x31],
  [0x61, 0x3d, 0xff],
  [0xe2, 0x82],
  [0xe2, 0x82, 0x20, 0x31],
  [0xe2, 0x82, 0x31],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xc2, 0x7f],
  [0xe0, 0x80, 0xaf],
  [0xe0, 0x9f, 0xbf],
  [0xed, 0xa0, 0x80],
  [0xed, 0x9f, 0xbf, 0x20, 0x35],
  [0xf0, 0x8f, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf4, 0x8f, 0xbf, 0xbf, 0x20, 0x35],
  [0xf5, 0x80, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0xf0, 0x9f, 0x98, 0x31],
  [0xef, 0xbb, 0xbf],
  [0xef, 0xbb, 0xbf, 0x20],
  [0xef, 0xbb, 0xbf, 0x31],
  [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x4a, 0x61, 0x6e, 0x20, 0x35],
  [0xef, 0xbb, 0xbf, 0xff, 0x20, 0x31],
  [0xef, 0xbb],
  [0xef, 0xbb, 0x31],
  [0xef, 0xbb, 0xbe, 0x31],
  [0x4a, 0x61, 0x6e, 0x20, 0x35, 0x20, 0xff],
  [0x35, 0x20, 0x4b, 0x42, 0xff, 0x20, 0x4a, 0x61, 0x6e],
  [0x78, 0x3d, 0xe9, 0x31],
];
