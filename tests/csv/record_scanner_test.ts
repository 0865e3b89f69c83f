import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { fieldText } from "../../lib/csv/field.ts";
import { RecordScanner, ScanStatus } from "../../lib/csv/record_scanner.ts";

const encoder = new TextEncoder();

interface Scanned {
  status: number;
  fields: string[];
  newlines: number;
}

/** Scans all of `text`, feeding it in chunks of `chunk` bytes to exercise NEED_MORE. */
function scanAll(text: string, chunk = Infinity, maxRecordBytes = 1 << 20): Scanned[] {
  const bytes = encoder.encode(text);
  const scanner = new RecordScanner(64, maxRecordBytes);
  const out: Scanned[] = [];
  let start = 0;
  let limit = Math.min(bytes.length, chunk);
  scanner.reset(bytes, 0, limit, limit === bytes.length, Infinity);
  for (;;) {
    const status = scanner.next();
    if (status === ScanStatus.END) break;
    if (status === ScanStatus.NEED_MORE) {
      start = scanner.recordStart;
      limit = Math.min(bytes.length, limit + chunk);
      scanner.reset(bytes, start, limit, limit === bytes.length, Infinity);
      continue;
    }
    const fields: string[] = [];
    if (status === ScanStatus.RECORD) {
      for (let i = 0; i < scanner.fieldCount; i++) {
        fields.push(fieldText(bytes, scanner.starts[i], scanner.ends[i], scanner.quoting[i]));
      }
    }
    out.push({ status, fields, newlines: scanner.newlines });
  }
  return out;
}

const records = (text: string, chunk?: number) =>
  scanAll(text, chunk).filter((r) => r.status === ScanStatus.RECORD).map((r) => r.fields);

Deno.test("scanner: plain, quoted commas, doubled quotes and embedded newlines", () => {
  const text = 'a,b,c\n1,"x, y","say ""hi"""\n2,"line1\nline2",z\n';
  assert.deepEqual(records(text), [
    ["a", "b", "c"],
    ["1", "x, y", 'say "hi"'],
    ["2", "line1\nline2", "z"],
  ]);
  const scanned = scanAll(text);
  assert.deepEqual(scanned.map((r) => r.newlines), [1, 1, 2]);
});

Deno.test("scanner: CRLF terminators, no final newline, and a lone CR kept as content", () => {
  assert.deepEqual(records("a,b\r\n1,2\r\n3,4"), [["a", "b"], ["1", "2"], ["3", "4"]]);
  assert.deepEqual(records('a,"b"\r\n"1",2\r'), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(records("a\rb,c\n"), [["a\rb", "c"]]);
  assert.deepEqual(records("a,b\r,c\n"), [["a", "b\r", "c"]]);
});

Deno.test("scanner: blank lines are reported apart from records", () => {
  const scanned = scanAll("a,b\n\n\r\n1,2\n\n");
  assert.deepEqual(scanned.map((r) => r.status), [
    ScanStatus.RECORD,
    ScanStatus.BLANK,
    ScanStatus.BLANK,
    ScanStatus.RECORD,
    ScanStatus.BLANK,
  ]);
});

Deno.test("scanner: an unclosed quote costs one line and scanning resumes after it", () => {
  const text = 'a,b\n1,"oops\n2,ok\n3,ok\n';
  const scanned = scanAll(text);
  assert.deepEqual(scanned.map((r) => r.status), [
    ScanStatus.RECORD,
    ScanStatus.UNCLOSED_QUOTE,
    ScanStatus.RECORD,
    ScanStatus.RECORD,
  ]);
  assert.deepEqual(scanned[2].fields, ["2", "ok"]);
  assert.equal(scanned[1].newlines, 1);
});

Deno.test("scanner: an open quote longer than maxRecordBytes is cut at its line", () => {
  const text = 'x,"' + "long\n".repeat(50) + '"\nnext,1\n';
  const scanned = scanAll(text, Infinity, 64);
  assert.equal(scanned[0].status, ScanStatus.UNCLOSED_QUOTE);
  assert.deepEqual(scanned[1].status, ScanStatus.RECORD);
  assert.deepEqual(scanned[1].fields, ["long"]);
});

Deno.test("scanner: text after a closing quote is reported", () => {
  const scanned = scanAll('"a"b,c\nd,e\n');
  assert.equal(scanned[0].status, ScanStatus.BAD_QUOTE);
  assert.deepEqual(scanned[1].fields, ["d", "e"]);
});

Deno.test("scanner: records stop at stopAt; the stop offset is the next record start", () => {
  const bytes = encoder.encode("a,1\nb,2\nc,3\n");
  const scanner = new RecordScanner(4);
  scanner.reset(bytes, 0, bytes.length, true, 5);
  assert.equal(scanner.next(), ScanStatus.RECORD);
  assert.equal(scanner.next(), ScanStatus.RECORD); // starts at 4 < 5
  assert.equal(scanner.next(), ScanStatus.END);
  assert.equal(scanner.position, 8);
});

// Well-formed CSV: fields of tricky characters, quoted when they need it (or at random).
const fieldArb = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "🙂", "x") }),
  fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "\r\n", "ü", " ") }),
);
const recordArb = fc.array(fieldArb, { minLength: 2, maxLength: 5 });
const csvArb = fc.tuple(
  fc.array(recordArb, { minLength: 1, maxLength: 20 }),
  fc.constantFrom("\n", "\r\n"),
  fc.boolean(),
  fc.boolean(),
).map(([rows, eol, finalEol, quoteAll]) => {
  const encode = (field: string) =>
    quoteAll || /[",\r\n]/.test(field) || field.startsWith(" ") || field === ""
      ? `"${field.replaceAll('"', '""')}"`
      : field;
  const text = rows.map((row) => row.map(encode).join(",")).join(eol) + (finalEol ? eol : "");
  return { rows, text };
});

Deno.test("scanner: equals csv-parse on random well-formed CSV, whatever the chunking", () => {
  fc.assert(
    fc.property(csvArb, fc.integer({ min: 1, max: 64 }), ({ rows, text }, chunk) => {
      const oracle = parse(text, { relax_column_count: true, record_delimiter: ["\r\n", "\n"] });
      assert.deepEqual(oracle, rows);
      assert.deepEqual(records(text), oracle);
      assert.deepEqual(records(text, chunk), oracle);
    }),
    { numRuns: 500 },
  );
});
