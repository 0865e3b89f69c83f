/**
 * The dashboard's text sanitiser: no escape sequence or control character
 * from a log line survives, and fitted text keeps table columns aligned with
 * wide and combining characters.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { displayWidth, escapeTags, fitWidth, sanitizeText } from "../../tui/sanitize.ts";

const ESC = "\u001b";

Deno.test("sanitize: CSI sequences (cursor moves, colours, clear screen) are removed", () => {
  assert.equal(sanitizeText(`a${ESC}[31mred${ESC}[0m b`), "ared b");
  assert.equal(sanitizeText(`${ESC}[2J${ESC}[H${ESC}[10;20Hx`), "x");
  assert.equal(sanitizeText(`${ESC}[?1049h${ESC}[38;2;255;0;0mz`), "z");
});

Deno.test("sanitize: OSC (window title, hyperlinks, clipboard) with BEL or ST terminators", () => {
  assert.equal(sanitizeText(`${ESC}]0;pwned${"\u0007"}title`), "title");
  assert.equal(sanitizeText(`${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`), "link");
  assert.equal(sanitizeText(`${ESC}]52;c;ZXZpbA==${"\u0007"}ok`), "ok");
  // An OSC never terminated swallows the rest rather than reaching the terminal.
  assert.equal(sanitizeText(`ok${ESC}]0;never ends`), "ok");
});

Deno.test("sanitize: DCS, two-byte escapes, BEL, C1 controls and DEL are removed", () => {
  assert.equal(sanitizeText(`${ESC}Ptmux;${ESC}${ESC}[1m${ESC}\\x`), "x");
  assert.equal(sanitizeText(`${ESC}cR${ESC}7S`), "RS");
  assert.equal(sanitizeText("be\u0007ll"), "bell");
  assert.equal(sanitizeText("\u009b31mC1 csi"), "C1 csi");
  assert.equal(sanitizeText("\u009d0;title\u009cafter"), "after");
  assert.equal(sanitizeText("a\u0085b\u007fc\u0000d"), "abcd");
  assert.equal(sanitizeText("rtl\u202eevil"), "rtlevil");
});

Deno.test("sanitize: line breaks and tabs become spaces (a row stays one line)", () => {
  assert.equal(sanitizeText("one\ntwo\r\nthree\tfour\u2028five"), "one two three four five");
});

Deno.test("sanitize: printable Unicode is untouched", () => {
  for (const text of ["日本語のログ", "emoji 🔥 ok", "e\u0301 café", "Ünïcödé", "{braces}"]) {
    assert.equal(sanitizeText(text), text);
  }
});

Deno.test("sanitize: property: no C0/C1 control or ESC survives any input", () => {
  const unit = fc.oneof(
    fc.constantFrom(
      ESC,
      "[",
      "]",
      "\u0007",
      "\u009b",
      "\u009d",
      "\u009c",
      "\\",
      ";",
      "0",
      "m",
      "\n",
      "\r",
    ),
    fc.string({ unit: "binary", maxLength: 4 }),
  );
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
      const out = sanitizeText(parts.join(""));
      // deno-lint-ignore no-control-regex
      assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f]/);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("escapeTags: blessed markup in log text is shown literally", () => {
  assert.equal(escapeTags("{red-fg}x{/red-fg}"), "{open}red-fg{close}x{open}/red-fg{close}");
});

Deno.test("width: wide characters count 2 columns, combining marks 0", () => {
  assert.equal(displayWidth("abc"), 3);
  assert.equal(displayWidth("日本語"), 6);
  assert.equal(displayWidth("e\u0301"), 1);
  assert.equal(displayWidth("🔥"), 2);
  assert.equal(displayWidth("한국"), 4);
});

Deno.test("fitWidth: every cell is exactly the column width, so columns align", () => {
  const cells = [
    "plain",
    "日本語のログメッセージ",
    "e\u0301e\u0301e\u0301",
    "🔥🔥🔥🔥🔥🔥",
    "",
    "x",
  ];
  for (const width of [1, 2, 5, 8, 13]) {
    for (const cell of cells) {
      assert.equal(displayWidth(fitWidth(cell, width)), width, `${cell} @ ${width}`);
      assert.equal(displayWidth(fitWidth(cell, width, "right")), width, `${cell} @ ${width} right`);
    }
  }
  assert.equal(fitWidth("日本語", 5), "日本…");
  assert.equal(fitWidth("abc", 5, "right"), "  abc");
  assert.equal(fitWidth("abcdef", 4), "abc…");
});

Deno.test("fitWidth: property: exact width for any printable text", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.integer({ min: 1, max: 40 }),
      (text, width) => {
        assert.equal(displayWidth(fitWidth(sanitizeText(text), width)), width);
      },
    ),
    { numRuns: 1000 },
  );
});
