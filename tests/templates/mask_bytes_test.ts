/**
 * Tests for lib/templates/mask_bytes.ts: `ByteMasker` returns exactly the
 * UTF-8 bytes of `maskMessage(new TextDecoder().decode(bytes)).join(" ")` on
 * every Loghub 2k message (the shared datasets are required: a missing folder
 * fails), on the documented examples, on hand-picked edge cases (non-ASCII,
 * BOM, invalid UTF-8) and on generated strings and byte arrays. Throughput is
 * printed, never asserted.
 */

import assert from "node:assert/strict";
import { SHARED_DATASETS } from "../shared_datasets.ts";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { LOGHUB_DATASETS } from "../../lib/templates/loghub.ts";
import { ByteMasker } from "../../lib/templates/mask_bytes.ts";
import { maskMessage } from "../../lib/templates/mask.ts";

const LOGHUB = join(SHARED_DATASETS, "loghub_2k");
const DATASETS = LOGHUB_DATASETS;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const masker = new ByteMasker();

/**
 * `ByteMasker`'s result for `bytes`, copied; the message sits between other
 * bytes so that `start` and `end` are exercised too.
 */
function masked(bytes: Uint8Array): Uint8Array {
  const buf = new Uint8Array(bytes.length + 6);
  buf.set(encoder.encode("x1 "), 0);
  buf.set(bytes, 3);
  buf.set(encoder.encode(" 9,"), bytes.length + 3);
  const { bytes: out, length } = masker.mask(buf, 3, bytes.length + 3);
  return out.slice(0, length);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Asserts the equivalence for `bytes` (a message string is UTF-8 encoded). */
function assertSame(message: string | Uint8Array): void {
  const bytes = typeof message === "string" ? encoder.encode(message) : message;
  const want = maskMessage(decoder.decode(bytes)).join(" ");
  const got = masked(bytes);
  if (sameBytes(got, encoder.encode(want))) return;
  const input = typeof message === "string" ? JSON.stringify(message) : `bytes [${bytes}]`;
  assert.equal(decoder.decode(got), want, `input ${input}`);
  assert.deepEqual(got, encoder.encode(want), `input ${input}: same text, other bytes`);
}

let loghubCache: string[] | undefined;

/** Every `Content` of the 16 datasets; throws if a file is missing. */
function loghubContents(): string[] {
  if (loghubCache) return loghubCache;
  const contents: string[] = [];
  for (const name of DATASETS) {
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

Deno.test("ByteMasker matches maskMessage on every Content of the 16 Loghub datasets", () => {
  const contents = loghubContents();
  assert.equal(contents.length, 16 * 2000);
  for (const content of contents) assertSame(content);
});

Deno.test("ByteMasker gives the documented results", () => {
  const cases: [string, string][] = [
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
    // JSDoc example of mask_bytes.ts.
    ["Accepted uid=0 from 10.0.0.1:22, took 12 ms", "Accepted uid=<*> from <*>, took <*> <*>"],
  ];
  for (const [message, template] of cases) {
    assert.equal(decoder.decode(masked(encoder.encode(message))), template, message);
    assertSame(message);
  }
});

Deno.test("ByteMasker matches maskMessage on edge cases", () => {
  const cases = [
    // Blank: maskMessage returns [], the masker length 0.
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
    '"quoted 42"',
    "'a' '1'",
    "<*>",
    "x<*> ms",
    "a,b,,1",
    ",",
    ",,",
    ",1,",
    "(a,1)",
    "a=1,b=2,c",
    "k=v=1",
    "key:1:2",
    "host.name:80",
    "http://x/y",
    "a..b",
    "instruction......1",
    "a....",
    "x.y.z/w",
    "/",
    "/a",
    "a/b",
    "a/b/c",
    // Variable words and the `eth1` exception around its length limits.
    "eth1 ssh2 wl0 a1 ab1 abc12 1a 0x1f blk_-123",
    "deadbeef deadbee DEADBEEF1 abcdefabcdef deadbeef, deadbee.",
    "x=deadbee x=deadbeef (deadbee) (deadbeef) deadbee=deadbeef",
    "true True TRUE tRue false False FALSE null Null NULL nil truex",
    "(true), null; FALSE.",
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
    "5 KB",
    "12 ms,",
    "(1.2 KB)",
    "1.2 KB) x",
    "5 B B ms",
    "5 ms. s",
    "x=5 bytes",
    "5, KB",
    "KB 5",
    "a<*> ms",
    "5 KiB; 6 MiB: 7 secs",
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
    "emoji 😀 5 ms 😀1 a😀 😀=1",
    "a\u00a0b 1\u00a0KB",
    "\u2028 \u2029",
    "mid\ufeffdle 5",
    "\ufeffJan 5",
    "\ufeff\ufeffJan 5",
    "\ufeff",
    "\0 1\0",
  ];
  for (const message of cases) assertSame(message);
  // Blank really gives length 0.
  assert.equal(masker.mask(encoder.encode(" \t "), 0, 3).length, 0);
});

Deno.test("ByteMasker matches maskMessage on invalid UTF-8", () => {
  const cases = [
    [0xff],
    [0x80],
    [0x31, 0x80],
    [0x80, 0x31],
    [0x61, 0x3d, 0xff],
    [0xe2, 0x82],
    [0xe2, 0x82, 0x20, 0x31],
    [0xe2, 0x82, 0x31],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80, 0x80, 0x80],
    [0xf0, 0x9f, 0x98],
    [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x4a, 0x61, 0x6e, 0x20, 0x35],
    [0xef, 0xbb, 0xbf, 0xff, 0x20, 0x31],
    [0xef, 0xbb],
    [0x4a, 0x61, 0x6e, 0x20, 0x35, 0x20, 0xff],
  ];
  for (const bytes of cases) assertSame(new Uint8Array(bytes));
});

Deno.test("ByteMasker reuses its buffers across messages of any size", () => {
  const long = "1,".repeat(5000) + " B " + "x=abc ".repeat(3000) + "é1 ".repeat(1000);
  for (const message of ["a 1", long, "Jan 5 KB", long.slice(0, 7001), "", "x"]) {
    assertSame(message);
  }
});

/** Pieces of tokens: every character class and word the rules look at. */
const PIECES = [
  ..."abefxzAFZ0129",
  ..."=:.,;()[]{}<>\"'/-_*",
  ..."éü日€😀\u00a0\ufeff\ud83d",
  ..."5 12 1.2 Jan Sep Dec Mon Fri B KB kB MiB ms s sec secs bytes".split(" "),
  ..."true False NULL eth1 ssh2 0x1f 10.0.0.1 <*> cafe deadbee ... x.y http:// /a/b".split(" "),
];
const pieces = fc.constantFrom(...PIECES);
/** Tokens of one to three pieces, mostly separated by one space. */
const messages = fc.array(
  fc.tuple(
    fc.array(pieces, { minLength: 1, maxLength: 3 }),
    fc.constantFrom(" ", " ", " ", " ", "  ", "\t", "\r\n", ""),
  ),
  { maxLength: 10 },
).map((tokens) => tokens.map(([parts, gap]) => parts.join("") + gap).join(""));

Deno.test("ByteMasker matches maskMessage on generated messages", () => {
  fc.assert(
    fc.property(messages, (message) => {
      assertSame(message);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("ByteMasker matches maskMessage on generated bytes, valid or not, and never throws", () => {
  const chunk = fc.oneof(
    pieces.map((piece) => encoder.encode(piece)),
    fc.integer({ min: 0, max: 255 }).map((byte) => Uint8Array.of(byte)),
    fc.constantFrom(0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xff).map((b) =>
      Uint8Array.of(b)
    ),
  );
  const byteMessages = fc.array(chunk, { maxLength: 24 }).map((chunks) => {
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  });
  fc.assert(
    fc.property(byteMessages, (bytes) => {
      assertSame(bytes);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("ByteMasker throughput on the Loghub contents (printed, not asserted)", () => {
  const contents = loghubContents();
  const encoded = contents.map((c) => encoder.encode(c));
  const all = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const offsets = [0];
  for (const e of encoded) {
    all.set(e, offsets[offsets.length - 1]);
    offsets.push(offsets[offsets.length - 1] + e.length);
  }
  const rate = (runs: number, maskAll: () => void) => {
    maskAll(); // warm up
    const t0 = performance.now();
    for (let r = 0; r < runs; r++) maskAll();
    return (runs * contents.length) / ((performance.now() - t0) / 1000);
  };
  let sink = 0; // results are used, so no call can be optimized away
  const byteRate = rate(5, () => {
    for (let i = 0; i < contents.length; i++) {
      sink += masker.mask(all, offsets[i], offsets[i + 1]).length;
    }
  });
  const stringRate = rate(2, () => {
    for (const content of contents) sink += maskMessage(content).length;
  });
  console.log(
    `ByteMasker ${(byteRate / 1e6).toFixed(2)} M messages/s, ` +
      `maskMessage ${(stringRate / 1e6).toFixed(2)} M messages/s`,
  );
  // The timed calls, on the same buffer, agree with maskMessage.
  for (let i = 0; i < contents.length; i++) {
    const { bytes, length } = masker.mask(all, offsets[i], offsets[i + 1]);
    assert.equal(decoder.decode(bytes.subarray(0, length)), maskMessage(contents[i]).join(" "));
  }
});
