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
import fc from "fast-check";
import {
  concatBytes,
  DOCUMENTED_MASKS,
  INVALID_UTF8_CASES,
  loghubBuffer,
  loghubContents,
  MASK_EDGE_CASES,
  sameBytes,
} from "./mask_cases.ts";
import { ByteMasker } from "../../lib/templates/mask_bytes.ts";
import { WasmMasker } from "../../lib/templates/mask_wasm.ts";
import { MASK_WASM_BASE64 } from "../../lib/templates/mask_wasm_binary.ts";
import { compileWat, MASKER_MODULE, wasmModuleSource } from "../../lib/csv/wasm_source.ts";

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
  for (const [message, template] of DOCUMENTED_MASKS) {
    const { buf, start, end } = embed(encoder.encode(message));
    assert.equal(decoder.decode(run(masker, buf, start, end)), template, message);
    assertSame(message);
  }
});

Deno.test("WasmMasker matches ByteMasker on edge cases", () => {
  for (const message of MASK_EDGE_CASES) assertSame(message);
  // The same cases with nothing around them, and at offset 0 of a longer buffer.
  for (const message of MASK_EDGE_CASES) {
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
  for (const bytes of INVALID_UTF8_CASES) {
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
  ).map(concatBytes),
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
  const { contents, all, offsets } = loghubBuffer();
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
