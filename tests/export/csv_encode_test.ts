/**
 * CSV encoding: RFC 4180 quoting checked by parsing the output back with
 * csv-parse, and spreadsheet formula injection neutralised with a leading `'`.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { encodeCell, encodeCsv } from "../../lib/export/csv_encode.ts";

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
