/**
 * Tests for lib/formats/logfmt.ts: tokenising (quotes, escapes, bare keys),
 * field mapping shared with JSON Lines, and reject reasons.
 */

import assert from "node:assert/strict";
import { parseLogfmt, type ParseOutcome, tokenizeLogfmt } from "../../lib/formats/mod.ts";

function fieldsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.fields;
}

Deno.test("a full line maps every field", () => {
  const line = 'time=2024-01-15T10:00:00Z level=error msg="connection refused" service=db ' +
    "ip=10.0.0.7 path=/api/orders?id=5";
  assert.deepEqual(fieldsOf(parseLogfmt(line)), {
    ts: "2024-01-15T10:00:00Z",
    level: "error",
    service: "db",
    ip: "10.0.0.7",
    endpoint: "/api/orders",
    message: "connection refused",
  });
});

Deno.test("ts as epoch seconds text, lvl, and escapes in quoted values", () => {
  const f = fieldsOf(parseLogfmt('ts=1705312800.5 lvl=warn msg="said \\"hi\\" \\\\ bye" app=web'));
  // 1705312800.5 s = 1,705,312,800,500 ms.
  assert.equal(f.tsEpochMs, 1_705_312_800_500);
  assert.equal(f.ts, "1705312800.5");
  assert.equal(f.level, "warn");
  assert.equal(f.message, 'said "hi" \\ bye');
  assert.equal(f.service, "web");
});

Deno.test("no level key: inferred from msg; no msg key: the line is the message", () => {
  assert.equal(fieldsOf(parseLogfmt('msg="upload failed" user=bob')).level, "ERROR");
  const f = fieldsOf(parseLogfmt("event=login user=bob\r"));
  assert.equal(f.message, "event=login user=bob");
  assert.equal(f.level, "INFO");
});

Deno.test("tokenizer: bare keys, empty values, repeated keys, spacing", () => {
  const t = tokenizeLogfmt('  a=1   b= flag c="" a=2 d="x y"  ');
  assert.ok(typeof t !== "string");
  assert.deepEqual([...t.pairs], [["a", "1"], ["b", ""], ["c", ""], ["d", "x y"]]);
  assert.equal(t.pairCount, 5);
  assert.equal(t.bareCount, 1);
});

Deno.test("malformed lines are rejected with their reason", () => {
  const cases: Array<[string, string]> = [
    ["", "logfmt: empty line"],
    ["hello world", "logfmt: no key=value pairs"],
    ['a=1 msg="unterminated', 'logfmt: unterminated quoted value for "msg" at column 9'],
    ["=x", "logfmt: empty key at column 1"],
    ['a="x"y', 'logfmt: text after closing quote of "a" at column 6'],
    ['a=x"y', 'logfmt: unexpected quote in value of "a" at column 4'],
    ['"a"=1', "logfmt: unexpected quote in key at column 1"],
  ];
  for (const [line, reason] of cases) {
    assert.deepEqual(parseLogfmt(line), { ok: false, reason }, line);
  }
});
