/**
 * The SIMD-indexed scanner must be indistinguishable from the byte-level
 * scanner: same statuses, spans, quoting, record bounds and line counts for
 * any bytes, limits, end-of-data flags, stop offsets and record limits.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { IndexedScanner } from "../../lib/csv/indexed_scanner.ts";
import { RecordScanner, ScanStatus } from "../../lib/csv/record_scanner.ts";
import { ScanMemory } from "../../lib/csv/scan_memory.ts";
import { compileWat, INDEXER_MODULE } from "../../lib/csv/wasm_source.ts";
import { INDEXER_WASM_BASE64 } from "../../lib/csv/indexer_wasm.ts";

const encoder = new TextEncoder();

interface Scanner {
  starts: Int32Array;
  ends: Int32Array;
  quoting: Uint8Array;
  fieldCount: number;
  recordStart: number;
  recordEnd: number;
  newlines: number;
  next(): number;
  reset(buf: Uint8Array, pos: number, limit: number, eof: boolean, stopAt: number): void;
}

/** Every step of a scan until END or NEED_MORE, as comparable text. */
function trace(
  scanner: Scanner,
  buf: Uint8Array,
  limit: number,
  eof: boolean,
  stopAt: number,
  capacity: number,
): string[] {
  scanner.reset(buf, 0, limit, eof, stopAt);
  const steps: string[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const status = scanner.next();
    if (status === ScanStatus.END || status === ScanStatus.NEED_MORE) {
      // Only where to resume matters here; the other fields describe no record.
      steps.push(`${status} from ${scanner.recordStart}`);
      return steps;
    }
    let step = `${status} ${scanner.recordStart}-${scanner.recordEnd} n${scanner.newlines}`;
    if (status === ScanStatus.RECORD || status === ScanStatus.BAD_QUOTE) {
      step += ` f${scanner.fieldCount}`;
      for (let f = 0; f < Math.min(scanner.fieldCount, capacity); f++) {
        step += ` [${scanner.starts[f]},${scanner.ends[f]},${scanner.quoting[f]}]`;
      }
    }
    steps.push(step);
  }
  throw new Error("scanner did not finish");
}

function compare(bytes: Uint8Array, capacity: number, maxRecordBytes: number, cut: number) {
  const memory = new ScanMemory(Math.max(16, bytes.length));
  memory.bytes.set(bytes);
  const fast = new IndexedScanner(memory, capacity, maxRecordBytes);
  const slow = new RecordScanner(capacity, maxRecordBytes);
  const buf = memory.bytes;
  const limit = Math.min(cut, bytes.length);
  for (const eof of [true, false]) {
    for (const stopAt of [Infinity, Math.floor(limit / 2)]) {
      assert.deepEqual(
        trace(fast, buf, limit, eof, stopAt, capacity),
        trace(slow, buf, limit, eof, stopAt, capacity),
        `eof=${eof} stopAt=${stopAt} limit=${limit} ${
          JSON.stringify(new TextDecoder().decode(bytes))
        }`,
      );
    }
  }
}

Deno.test("the index lists commas, line feeds and quotes in order", () => {
  const memory = new ScanMemory(64);
  const text = encoder.encode('ts,level\n"a,b",x\r\n' + "y".repeat(20) + ",\n");
  memory.bytes.set(text);
  const count = memory.index(0, text.length);
  const expected: number[] = [];
  text.forEach((b, i) => {
    if (b === 44 || b === 10 || b === 34) expected.push(i);
  });
  assert.deepEqual([...memory.events.subarray(0, count)], expected);
  // A sub-range sees only its own bytes, whatever lies past its end.
  const part = memory.index(3, 12);
  assert.deepEqual([...memory.events.subarray(0, part)], expected.filter((i) => i >= 3 && i < 12));
});

Deno.test("property: the index of any range equals a naive scan, whatever lies around it", () => {
  // The indexer reads 64 bytes per step past `end` and masks them off: ranges of every length and
  // alignment, with delimiters just outside them.
  const byte = fc.constantFrom(44, 10, 34, 13, 97, 0, 255);
  fc.assert(
    fc.property(
      fc.array(byte, { minLength: 1, maxLength: 300, size: "max" }),
      fc.nat(),
      fc.nat(),
      (bytes, a, b) => {
        const memory = new ScanMemory(bytes.length);
        memory.bytes.set(bytes);
        memory.bytes.fill(44, bytes.length); // no padding here, only what the capacity holds
        const start = a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        const count = memory.index(start, end);
        const expected: number[] = [];
        for (let i = start; i < end; i++) {
          if (bytes[i] === 44 || bytes[i] === 10 || bytes[i] === 34) expected.push(i);
        }
        assert.deepEqual([...memory.events.subarray(0, count)], expected);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("the buffer grows keeping its bytes", () => {
  const memory = new ScanMemory(100);
  memory.bytes.set(encoder.encode("a,b\n"));
  memory.grow(200_000);
  assert.equal(memory.capacity, 200_000);
  assert.equal(new TextDecoder().decode(memory.bytes.subarray(0, 4)), "a,b\n");
  memory.bytes.fill(44, 0, 150_000);
  assert.equal(memory.index(0, 150_000), 150_000);
});

Deno.test("same results as the byte scanner on hand-picked inputs", () => {
  const cases = [
    "a,b,c\n1,2,3\n",
    "a,b\r\n1,2\r\n\r\n\n3,4",
    'a,"b,c"\n"x""y",z\n',
    'a,"never closed\nb,c\nd,e\n',
    "x\ry,z\n\r\n\rq\n",
    'p,q"r,s\n"a"b,c\n',
    "one\ntwo\nthree",
    ",,,\n,\n",
    "é,ü,😀\n",
  ];
  for (const text of cases) {
    const bytes = encoder.encode(text);
    for (const capacity of [1, 2, 4]) {
      for (const max of [4, 1 << 20]) compare(bytes, capacity, max, bytes.length);
    }
  }
});

Deno.test("property: same results as the byte scanner on any bytes", () => {
  const unit = fc.constantFrom("a", "b", ",", ",", '"', "\n", "\n", "\r", " ", "é");
  fc.assert(
    fc.property(
      fc.array(unit, { maxLength: 200 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 80 }),
      fc.integer({ min: 0, max: 220 }),
      (units, capacity, max, cut) => compare(encoder.encode(units.join("")), capacity, max, cut),
    ),
    { numRuns: 1500 },
  );
});

Deno.test("the committed wasm binary is the compiled indexer.wat", async () => {
  const binary = await compileWat(INDEXER_MODULE.wat);
  assert.equal(INDEXER_WASM_BASE64, binary.toBase64(), "run `deno task build-wasm`");
});
