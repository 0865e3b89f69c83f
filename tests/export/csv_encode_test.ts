/**
 * CSV encoding: RFC 4180 quoting checked by parsing the output back with
 * csv-parse, and spreadsheet formula injection neutralised with a leading `'`.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { encodeCell, encodeCsv, encodeCsvChunks } from "../../lib/export/csv_encode.ts";

Deno.test("cells that a spreadsheet would run are prefixed with a quote", () => {
  assert.equal(encodeCell("=1+1"), "'=1+1");
  assert.equal(encodeCell("+cmd"), "'+cmd");
  assert.equal(encodeCell("-2"), "'-2");
  assert.equal(encodeCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(encodeCell("\tx"), "'\tx");
  assert.equal(encodeCell("\rx"), `"'\rx"`);
  assert.equal(encodeCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  // Numbers are numbers, not text: a negative count stays a number.
  assert.equal(encodeCell(-1.5), "-1.5");
  assert.equal(encodeCell(null), "");
  assert.equal(encodeCell("plain text"), "plain text");
});

Deno.test("property: csv-parse reads back every row, neutralised cells aside", () => {
  const text = fc.string({
    unit: fc.constantFrom("a", " ", ",", '"', "\n", "\r", "=", "-", "é", "😀"),
  });
  fc.assert(
    fc.property(fc.array(fc.tuple(text, text, fc.integer()), { maxLength: 20 }), (rows) => {
      const csv = encodeCsv(["a", "b", "n"], rows.map(([a, b, n]) => ({ a, b, n })));
      assert.ok(csv.endsWith("\n"));
      const back = parse(csv, { columns: true, record_delimiter: "\n" }) as Record<
        string,
        string
      >[];
      assert.equal(back.length, rows.length);
      rows.forEach(([a, b, n], i) => {
        const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        assert.equal(back[i].a, unformula(a));
        assert.equal(back[i].b, unformula(b));
        assert.equal(back[i].n, String(n));
      });
    }),
    { numRuns: 500 },
  );
});

Deno.test("chunks: 100,000 rows come in bounded chunks that csv-parse reads back whole", () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({
    file: "app.csv",
    line: i + 2,
    reason: "expected 6 fields, found 4",
    raw: i % 7 === 0 ? `quoted "${i}", with a comma` : `2024-01-15,ERROR,${i}`,
  }));
  const columns = ["file", "line", "reason", "raw"] as const;
  const chunks = [...encodeCsvChunks(columns, rows.map((row) => columns.map((c) => row[c])))];
  assert.ok(chunks.length > 10, `${chunks.length} chunks`);
  for (const chunk of chunks) assert.ok(chunk.length < 70_000, `chunk of ${chunk.length}`);
  assert.equal(chunks.join(""), encodeCsv(columns, rows));
  const parsed = parse(chunks.join(""), { columns: true }) as Record<string, string>[];
  assert.equal(parsed.length, rows.length);
  assert.equal(parsed[7].raw, 'quoted "7", with a comma');
  assert.equal(parsed[99_999].line, "100001");
});

Deno.test("no columns: a header line and one empty line per row", () => {
  assert.equal(encodeCsv([], [{}, {}]), "\n\n\n");
});
