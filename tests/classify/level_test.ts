/**
 * Tests for lib/classify/level.ts: `normalizeLevel` / `normalizeLevelText`
 * map every documented alias (any case, surrounding spaces/tabs) to its
 * `Level` index, everything else to UNKNOWN, and read only `buf[start, end)`.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { LevelMemo, normalizeLevel, normalizeLevelText } from "../../lib/classify/level.ts";
import { Level, LEVEL_NAMES, type LevelName } from "../../lib/model/level.ts";

/** The documented aliases, written out by hand. */
const ALIASES: [string, LevelName][] = [
  ["TRACE", "DEBUG"],
  ["DEBUG", "DEBUG"],
  ["INFO", "INFO"],
  ["INFORMATION", "INFO"],
  ["NOTICE", "INFO"],
  ["WARN", "WARN"],
  ["WARNING", "WARN"],
  ["ERROR", "ERROR"],
  ["ERR", "ERROR"],
  ["CRITICAL", "CRITICAL"],
  ["CRIT", "CRITICAL"],
  ["FATAL", "CRITICAL"],
  ["SEVERE", "CRITICAL"],
  ["ALERT", "CRITICAL"],
  ["EMERG", "CRITICAL"],
  ["EMERGENCY", "CRITICAL"],
];
const ALIAS_LEVEL = new Map(ALIASES);

function name(text: string): LevelName {
  return LEVEL_NAMES[normalizeLevelText(text)];
}

Deno.test("Level indices are the documented ones", () => {
  assert.deepEqual(
    { ...Level },
    { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, CRITICAL: 4, UNKNOWN: 5 },
  );
});

Deno.test("every alias in upper case", () => {
  for (const [alias, level] of ALIASES) {
    assert.equal(normalizeLevelText(alias), Level[level], alias);
  }
  assert.equal(normalizeLevelText("TRACE"), 0);
  assert.equal(normalizeLevelText("NOTICE"), 1);
  assert.equal(normalizeLevelText("WARNING"), 2);
  assert.equal(normalizeLevelText("ERR"), 3);
  assert.equal(normalizeLevelText("EMERGENCY"), 4);
});

Deno.test("case-insensitive: lower, title and mixed case", () => {
  for (const [alias, level] of ALIASES) {
    const lower = alias.toLowerCase();
    const title = alias[0] + lower.slice(1);
    const mixed = [...alias].map((c, i) => (i % 2 ? c.toLowerCase() : c)).join("");
    for (const variant of [lower, title, mixed]) assert.equal(name(variant), level, variant);
  }
  assert.equal(name("Fatal"), "CRITICAL");
  assert.equal(name("wArNiNg"), "WARN");
});

Deno.test("surrounding spaces and tabs are ignored", () => {
  assert.equal(name(" warning "), "WARN");
  assert.equal(name("\tERROR\t"), "ERROR");
  assert.equal(name(" \t info \t "), "INFO");
  assert.equal(name("debug   "), "DEBUG");
  assert.equal(name("      crit"), "CRITICAL");
});

Deno.test("unknown, empty and near-miss spellings are UNKNOWN", () => {
  for (
    const text of [
      "",
      " ",
      "\t\t",
      "VERBOSE",
      "FINE",
      "INF",
      "WRN",
      "ERRORS",
      "WARNINGS",
      "INFORMATIONAL",
      "EMERGENCYS",
      "DEBUG1",
      "E",
      "0",
      "3",
      "W A R N",
      "WAR N",
      "[ERROR]",
      "ERROR:",
      "level=ERROR",
      "İNFO", // dotted capital I is not ASCII
      "ınfo", // dotless small i
      "ＩＮＦＯ", // full-width
      "INFO\u00a0", // a no-break space is not a space or tab
    ]
  ) {
    assert.equal(name(text), "UNKNOWN", JSON.stringify(text));
  }
});

Deno.test("normalizeLevel reads only buf[start, end)", () => {
  const buf = new TextEncoder().encode("xxERRORxx warn |INFO|");
  assert.equal(normalizeLevel(buf, 2, 7), Level.ERROR);
  assert.equal(normalizeLevel(buf, 2, 6), Level.UNKNOWN); // "ERRO"
  assert.equal(normalizeLevel(buf, 2, 5), Level.ERROR); // "ERR"
  assert.equal(normalizeLevel(buf, 1, 7), Level.UNKNOWN); // "xERROR"
  assert.equal(normalizeLevel(buf, 9, 15), Level.WARN); // " warn " trimmed
  assert.equal(normalizeLevel(buf, 16, 20), Level.INFO);
  assert.equal(normalizeLevel(buf, 4, 4), Level.UNKNOWN); // empty range
  assert.equal(normalizeLevel(buf, 0, buf.length), Level.UNKNOWN);
});

Deno.test("property: an alias in random case with random blanks maps to its level", () => {
  const blanks = fc.string({ unit: fc.constantFrom(" ", "\t"), maxLength: 4 });
  fc.assert(
    fc.property(
      fc.constantFrom(...ALIASES),
      fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
      blanks,
      blanks,
      ([alias, level], upper, before, after) => {
        const cased = [...alias].map((c, i) => (upper[i] ? c : c.toLowerCase())).join("");
        const text = before + cased + after;
        assert.equal(normalizeLevelText(text), Level[level], JSON.stringify(text));
      },
    ),
  );
});

Deno.test("property: any other text is UNKNOWN; bytes and text agree", () => {
  const letters = fc.string({
    unit: fc.constantFrom(..."ACDEGILMNORSTUVWacdeginortw \t-_1".split("")),
    maxLength: 12,
  });
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), letters), (text) => {
      const key = text.replace(/^[ \t]+|[ \t]+$/g, "").toUpperCase();
      const want = /^[A-Z]*$/.test(key) ? ALIAS_LEVEL.get(key) ?? "UNKNOWN" : "UNKNOWN";
      assert.equal(name(text), want, JSON.stringify(text));
      // The byte API on the same text embedded in other bytes.
      const inner = new TextEncoder().encode(text);
      const buf = new Uint8Array(inner.length + 6).fill(0x41); // 'A' padding
      buf.set(inner, 3);
      assert.equal(normalizeLevel(buf, 3, 3 + inner.length), normalizeLevelText(text));
    }),
    { numRuns: 3000 },
  );
});

Deno.test("property: LevelMemo gives exactly what normalizeLevel gives, in any sequence", () => {
  const spelling = fc.oneof(
    fc.constantFrom("INFO", "info", "Warn", "WARNING", "error", "ERROR", "CRITICAL", "crit"),
    fc.constantFrom("DEBUG", "debug ", " Fatal", "ERR", "x", "INFOS", "EMERGENCY", "warnin"),
    fc.string({ maxLength: 10 }),
  );
  fc.assert(
    fc.property(fc.array(spelling, { maxLength: 200 }), (texts) => {
      const memo = new LevelMemo();
      texts.forEach((text, i) => {
        const bytes = new TextEncoder().encode(`${",".repeat(i % 3)}${text},`);
        const start = i % 3;
        const end = bytes.length - 1;
        assert.equal(memo.level(bytes, start, end), normalizeLevel(bytes, start, end), text);
      });
    }),
  );
});
