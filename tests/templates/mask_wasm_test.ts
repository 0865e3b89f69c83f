/**
 * Tests for lib/templates/mask_wasm.ts: `WasmMasker` returns exactly the bytes
 * of `ByteMasker` (lib/templates/mask_bytes.ts, itself tested against
 * `maskMessage`) on every Loghub 2k message (the shared datasets are
 * required: a missing folder fails), on the documented examples, on
 * hand-picked edge cases (non-ASCII, BOM, invalid UTF-8), on generated
 * strings and byte arrays, on long messages that make its memory grow, and
 * across thousands of messages on one instance. Also: the committed binary is
 * the compiled mask.wat. Throughput is printed, never asserted.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { SHARED_DATASETS } from "../shared_datasets.ts";
import { LOGHUB_DATASETS } from "../../lib/templates/loghub.ts";
import { ByteMasker } from "../../lib/templates/mask_bytes.ts";
import { WasmMasker } from "../../lib/templates/mask_wasm.ts";
import { MASK_WASM_BASE64 } from "../../lib/templates/mask_wasm_binary.ts";
import { compileWat, MASKER_MODULE, wasmModuleSource } from "../../lib/csv/wasm_source.ts";

const LOGHUB = join(SHARED_DATASETS, "loghub_2k");

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const reference = new ByteMasker();
const masker = new WasmMasker();

/** `buf[start, end)` masked by `m`, copied out of its reused buffer. */
function run(m: ByteMasker | WasmMasker, buf: Uint8Array, start: number, end: number): Uint8Array {
  const { bytes, length } = m.mask(buf, start, end);
  return bytes.slice(0, length);
}

/** `message` between `before` and `after`, so that `start` and `end` are exercised. */
function embed(
  message: Uint8Array,
  before: Uint8Array = encoder.encode("x1 "),
  after: Uint8Array = encoder.encode(" 9,"),
): { buf: Uint8Array; start: number; end: number } {
  const buf = new Uint8Array(before.length + message.length + after.length);
  buf.set(before, 0);
  buf.set(message, before.length);
  buf.set(after, before.length + message.length);
  return { buf, start: before.length, end: before.length + message.length };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describe(message: Uint8Array): string {
  const text = message.length > 200 ? message.subarray(0, 200) : message;
  return `bytes [${text}]${message.length > 200 ? `… (${message.length} bytes)` : ""}`;
}

/**
 * Asserts that `wasm` (default: the shared masker) masks `message` (a string
 * is UTF-8 encoded) as `want` (default: a ByteMasker's result) does.
 */
function assertSame(
  message: string | Uint8Array,
  options: {
    before?: Uint8Array;
    after?: Uint8Array;
    wasm?: WasmMasker;
    bytes?: ByteMasker;
  } = {},
): void {
  const bytes = typeof message === "string" ? encoder.encode(message) : message;
  const { buf, start, end } = embed(bytes, options.before, options.after);
  const want = run(options.bytes ?? reference, buf, start, end);
  const got = run(options.wasm ?? masker, buf, start, end);
  if (sameBytes(got, want)) return;
  const input = typeof message === "string" && message.length <= 200
    ? JSON.stringify(message)
    : describe(bytes);
  assert.equal(decoder.decode(got), decoder.decode(want), `input ${input}`);
  assert.deepEqual(got, want, `input ${input}: same text, other bytes`);
}

let loghubCache: string[] | undefined;

/** Every `Content` of the 16 datasets; throws if a file is missing. */
function loghubContents(): string[] {
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

Deno.test("the committed mask_wasm_binary.ts is the compiled mask.wat", async () => {
  const binary = await compileWat(MASKER_MODULE.wat);
  const source = wasmModuleSource(MASKER_MODULE, binary);
  assert.ok(source.includes(`"${MASK_WASM_BASE64}"`), "run `deno task build-wasm`");
});

Deno.test("WasmMasker matches ByteMasker on every Content of the 16 Loghub datasets", () => {
  const contents = loghubContents();
  assert.equal(contents.length, 16 * 2000);
  let masked = 0;
  for (const content of contents) {
    assertSame(content);
    const bytes = encoder.encode(content);
    if (decoder.decode(run(masker, bytes, 0, bytes.length)).includes("<*>")) masked++;
  }
  // The comparison is not vacuous: most messages have something masked.
  assert.ok(masked > contents.length / 2, `${masked} messages with a wildcard`);
});

Deno.test("WasmMasker gives the documented results", () => {
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
    // JSDoc example of mask_bytes.ts and mask_wasm.ts.
    ["Accepted uid=0 from 10.0.0.1:22, took 12 ms", "Accepted uid=<*> from <*>, took <*> <*>"],
  ];
  for (const [message, template] of cases) {
    const { buf, start, end } = embed(encoder.encode(message));
    assert.equal(decoder.decode(run(masker, buf, start, end)), template, message);
    assertSame(message);
  }
});

/** Hand-picked cases around every rule (the list of mask_bytes_test.ts, and more). */
const EDGE_CASES = [
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

Deno.test("WasmMasker matches ByteMasker on edge cases", () => {
  for (const message of EDGE_CASES) assertSame(message);
  // The same cases with nothing around them, and at offset 0 of a longer buffer.
  for (const message of EDGE_CASES) {
    const bytes = encoder.encode(message);
    assert.deepEqual(
      run(masker, bytes, 0, bytes.length),
      run(reference, bytes, 0, bytes.length),
      message,
    );
    assertSame(message, { before: new Uint8Array(0), after: encoder.encode("5 KB") });
  }
  // Blank really gives length 0.
  assert.equal(masker.mask(encoder.encode(" \t "), 0, 3).length, 0);
});

Deno.test("WasmMasker matches ByteMasker on invalid UTF-8 and BOMs", () => {
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
  for (const bytes of cases) {
    assertSame(new Uint8Array(bytes));
    assertSame(new Uint8Array(bytes), { before: new Uint8Array(0), after: new Uint8Array(0) });
    // A BOM before the start offset is not the message's.
    assertSame(new Uint8Array(bytes), { before: Uint8Array.of(0xef, 0xbb, 0xbf) });
  }
});

/** Pieces of messages: every byte class, separator and word the rules look at. */
const PIECES = [
  ..."0123456789abcdefABCDEFxyzXYZghQ",
  ..."_-.=:/()[]{}<>\"',;*",
  " ",
  " ",
  " ",
  "\t",
  "\n",
  "\r",
  "\v",
  "\f",
  "<*>",
  ..."Jan Feb Sep Dec Mon Tue Sun jan MON".split(" "),
  ..."B KB kB MB KiB MiB ms us ns s sec secs bytes".split(" "),
  ..."true True TRUE false False FALSE null Null NULL".split(" "),
  ..."eth1 ssh2 wl0 0x1f 10.0.0.1 12 1.2 5 cafe deadbee deadbeef blk_-1 ... http:// /a/b x.y".split(
    " ",
  ),
  "é",
  "ü",
  "→",
  "日",
  "€",
  "😀",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\ud83d", // a lone surrogate: U+FFFD once encoded
];

const pieces = fc.constantFrom(...PIECES);
const messages = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(""));
/** Bytes around the message. */
const around = fc.uint8Array({ maxLength: 6 });

Deno.test("WasmMasker matches ByteMasker on generated messages", () => {
  fc.assert(
    fc.property(messages, around, around, (message, before, after) => {
      assertSame(message, { before, after });
    }),
    { numRuns: 4000 },
  );
});

/** Byte arrays, valid UTF-8 or not: pieces, arbitrary bytes, lead and continuation bytes. */
const byteMessages = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc.array(
    fc.oneof(
      pieces.map((piece) => encoder.encode(piece)),
      fc.integer({ min: 0, max: 255 }).map((byte) => Uint8Array.of(byte)),
      fc.constantFrom(0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xff).map(
        (b) => Uint8Array.of(b),
      ),
    ),
    { maxLength: 32 },
  ).map((chunks) => {
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  }),
);

Deno.test("WasmMasker matches ByteMasker on generated bytes, valid or not", () => {
  fc.assert(
    fc.property(byteMessages, around, around, (bytes, before, after) => {
      assertSame(bytes, { before, after });
    }),
    { numRuns: 4000 },
  );
});

/** About `size` bytes of mixed tokens, the same for the same `size` and `seed`. */
function longMessage(size: number, seed: number): Uint8Array {
  const parts: string[] = [];
  let bytes = 0;
  let x = seed;
  while (bytes < size) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const piece = PIECES[(x >>> 8) % PIECES.length];
    parts.push(piece);
    bytes += piece.length;
  }
  return encoder.encode(parts.join(""));
}

Deno.test("WasmMasker grows its memory for long messages and reuses it for short ones", () => {
  const wasm = new WasmMasker();
  const bytes = new ByteMasker();
  const long = longMessage(200_000, 1);
  const huge = longMessage(2_000_000, 2);
  const tokens = encoder.encode("1,".repeat(300_000) + " B " + "x=abc ".repeat(100_000));
  // Invalid UTF-8 that re-encodes to three times its length.
  const invalid = new Uint8Array(1_100_000).map((_, i) => (i % 3 === 0 ? 0x20 : 0xff));
  const blanks = encoder.encode(" ".repeat(1_500_000));
  const short = ["a 1", "Jan 5 KB", "", "x", "5 ms"];
  for (const message of [long, ...short, huge, ...short, tokens, invalid, blanks, ...short]) {
    assertSame(message, { wasm, bytes });
  }
  // A message larger than the last still fits after a smaller one.
  assertSame(longMessage(3_000_000, 3), { wasm, bytes });
  assertSame("a 1", { wasm, bytes });
});

Deno.test("WasmMasker's memory holds the densest messages it is laid out for", () => {
  // Each message on a new masker, so the memory is laid out for that message
  // (or the smallest layout): one-byte tokens fill the per-token arrays, and
  // the date and unit passes rewrite every other token.
  for (const size of [1, 100, 4096, 50_000, 1_000_000]) {
    const messages = [
      "1 ".repeat(size / 2) + "1",
      "1 s ".repeat(size / 4) + "1,1 B",
      "5 Jan ".repeat(size / 6) + "Mon 1 ms",
      "1,".repeat(size / 2) + "1 ms",
    ];
    for (const message of messages) assertSame(message, { wasm: new WasmMasker() });
  }
});

Deno.test("WasmMasker: one instance across thousands of messages equals a fresh ByteMasker each", () => {
  const wasm = new WasmMasker();
  const sizes = fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 300 }) },
    { weight: 2, arbitrary: fc.integer({ min: 300, max: 20_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 200_000 }) },
  );
  const samples = fc.sample(fc.tuple(sizes, fc.nat(), fc.boolean()), { numRuns: 3000, seed: 42 });
  for (const [size, seed, invalid] of samples) {
    const message = longMessage(size, seed);
    if (invalid && message.length > 0) message[seed % message.length] = 0xff;
    assertSame(message, { wasm, bytes: new ByteMasker() });
  }
});

Deno.test("WasmMaskers are independent: each has its own memory", () => {
  const a = new WasmMasker();
  const b = new WasmMasker();
  const first = encoder.encode("uid=0 took 12 ms");
  const resultA = a.mask(first, 0, first.length);
  const text = decoder.decode(resultA.bytes.subarray(0, resultA.length));
  const other = longMessage(500_000, 7);
  b.mask(other, 0, other.length);
  assert.equal(decoder.decode(resultA.bytes.subarray(0, resultA.length)), text);
  assert.equal(text, "uid=<*> took <*> <*>");
});

Deno.test("WasmMasker throughput on the Loghub contents (printed, not asserted)", () => {
  const contents = loghubContents();
  const encoded = contents.map((c) => encoder.encode(c));
  const all = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const offsets = [0];
  for (const e of encoded) {
    all.set(e, offsets[offsets.length - 1]);
    offsets.push(offsets[offsets.length - 1] + e.length);
  }
  let sink = 0; // results are used, so no call can be optimized away
  /** Passes over every content for about a second, after a warm-up pass. */
  const measure = (m: ByteMasker | WasmMasker) => {
    const pass = () => {
      for (let i = 0; i < contents.length; i++) {
        sink += m.mask(all, offsets[i], offsets[i + 1]).length;
      }
    };
    pass();
    let passes = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < 1000) {
      pass();
      passes++;
      elapsed = performance.now() - t0;
    }
    const seconds = elapsed / 1000;
    return {
      mbPerSecond: (passes * all.length) / seconds / 1e6,
      nsPerMessage: (seconds * 1e9) / (passes * contents.length),
    };
  };
  const js = measure(new ByteMasker());
  const wasm = measure(new WasmMasker());
  const show = (name: string, r: { mbPerSecond: number; nsPerMessage: number }) =>
    `${name} ${r.mbPerSecond.toFixed(1)} MB/s, ${r.nsPerMessage.toFixed(0)} ns/message`;
  console.log(
    `${contents.length} messages, ${(all.length / 1e6).toFixed(2)} MB: ` +
      `${show("ByteMasker", js)}; ${show("WasmMasker", wasm)} (sink ${sink})`,
  );
});
