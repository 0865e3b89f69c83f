/**
 * Tests for lib/formats/keyword_level.ts: whole-word, case-insensitive keyword
 * inference, most severe class first, and configurable lists.
 */

import assert from "node:assert/strict";
import {
  compileKeywordLevels,
  inferLevel,
  resolveKeywordMatcher,
} from "../../lib/formats/keyword_level.ts";

Deno.test("default keywords map to their levels", () => {
  const cases: Array<[string, string]> = [
    ["Connection failed: timeout", "ERROR"],
    ["disk failure on /dev/sda", "ERROR"],
    ["could not fail over", "ERROR"],
    ["ERROR reading config", "ERROR"],
    ["Exception in thread main", "ERROR"],
    ["Warning: disk 91% full", "WARN"],
    ["[warn] low memory", "WARN"],
    ["kernel panic - not syncing", "CRITICAL"],
    ["FATAL: out of memory", "CRITICAL"],
    ["Critical temperature reached", "CRITICAL"],
    ["user alice logged in", "INFO"],
    ["", "INFO"],
  ];
  for (const [message, level] of cases) assert.equal(inferLevel(message), level, message);
});

Deno.test("keywords match whole words only", () => {
  // "failover", "errorless", "warned" and "NullPointerException" contain a
  // keyword but are other words; \b keeps them from matching.
  assert.equal(inferLevel("failover to replica 2 complete"), "INFO");
  assert.equal(inferLevel("errorless run"), "INFO");
  assert.equal(inferLevel("user was warned twice"), "INFO");
  assert.equal(inferLevel("java.lang.NullPointerException"), "INFO");
  // Punctuation is a boundary, so "error:" and "(failed)" do match.
  assert.equal(inferLevel("error: bad"), "ERROR");
  assert.equal(inferLevel("login (failed)"), "ERROR");
});

Deno.test("the most severe class wins", () => {
  assert.equal(inferLevel("fatal error while warning"), "CRITICAL");
  assert.equal(inferLevel("warning: request failed"), "ERROR");
});

Deno.test("custom lists replace the defaults of their class only", () => {
  const m = compileKeywordLevels({ error: ["denied", "refused"] });
  assert.equal(inferLevel("access DENIED for bob", m), "ERROR");
  assert.equal(inferLevel("connection refused", m), "ERROR");
  // "failed" is no longer an error keyword; warn and critical keep defaults.
  assert.equal(inferLevel("login failed", m), "INFO");
  assert.equal(inferLevel("warning: x", m), "WARN");
  assert.equal(inferLevel("kernel panic", m), "CRITICAL");
});

Deno.test("an empty list disables its class", () => {
  const m = compileKeywordLevels({ warn: [] });
  assert.equal(inferLevel("warning: x", m), "INFO");
  assert.equal(inferLevel("any text at all", m), "INFO");
});

Deno.test("an invalid keyword is a SyntaxError naming it", () => {
  assert.throws(() => compileKeywordLevels({ error: ["fail("] }), /level keyword "fail\("/);
});

Deno.test("resolveKeywordMatcher compiles a list object once", () => {
  const lists = { critical: ["meltdown"] };
  const a = resolveKeywordMatcher(lists);
  assert.equal(resolveKeywordMatcher(lists), a);
  assert.equal(resolveKeywordMatcher(a), a);
  assert.equal(inferLevel("reactor meltdown", a), "CRITICAL");
});
