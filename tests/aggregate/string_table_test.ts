/**
 * The string table against a plain `Map`: the same ids in first-seen order,
 * for short keys (compared inline as words) and long ones (compared in the
 * arena), across rehashes and whatever bytes surround the key.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { StringTable } from "../../lib/aggregate/string_table.ts";

const encoder = new TextEncoder();

/** Interns every text, each embedded at a different offset, and checks ids against a Map. */
function checkAgainstMap(texts: string[]): StringTable {
  const table = new StringTable();
  const expected = new Map<string, number>();
  texts.forEach((text, i) => {
    const padding = "#".repeat(i % 5);
    const bytes = encoder.encode(`${padding}${text}${padding}`);
    const start = padding.length;
    const id = table.intern(bytes, start, bytes.length - padding.length);
    if (!expected.has(text)) expected.set(text, expected.size);
    assert.equal(id, expected.get(text), JSON.stringify(text));
  });
  assert.deepEqual(table.strings, [...expected.keys()]);
  assert.equal(table.size, expected.size);
  return table;
}

Deno.test("ids are dense and first-seen, short and long keys alike", () => {
  checkAgainstMap([
    "api-service",
    "10.0.0.1",
    "",
    "/api/v1/payments/refund", // 23 bytes: the long path
    "api-service",
    "10.0.0.1",
    "/api/v1/payments/refund",
    "",
    "abcdefghijklmnop", // exactly 16 bytes: still inline
    "abcdefghijklmnopq", // 17 bytes
    "abcdefghijklmnop",
  ]);
});

Deno.test("keys differing only in trailing zero bytes or length stay distinct", () => {
  // Short keys are zero-padded into words, so the length must tell "a" from "a\0".
  const table = checkAgainstMap(["a", "a\0", "a\0\0", "", "\0", "a"]);
  assert.equal(table.size, 5);
});

Deno.test("thousands of keys survive rehashing", () => {
  const texts: string[] = [];
  for (let i = 0; i < 5000; i++) texts.push(`10.${i >> 8}.${i & 255}.1`, `svc-${i % 300}`);
  for (let i = 0; i < 3000; i++) texts.push(`/api/v1/orders/${i}/items/${i * 7}`);
  checkAgainstMap(texts);
});

Deno.test("property: the table agrees with a Map on any key sequence", () => {
  const key = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("a", "b", "ab", "api", "api-service", "x".repeat(16), "x".repeat(17)),
  );
  fc.assert(fc.property(fc.array(key, { maxLength: 200 }), (texts) => void checkAgainstMap(texts)));
});

Deno.test("property: same-length keys over a two-letter alphabet stay distinct at every length", () => {
  // Short keys are read as whole words, the last overlapping the one before:
  // keys that differ in one byte anywhere, at every length, must not meet.
  const key = fc.integer({ min: 0, max: 24 }).chain((length) =>
    fc.array(fc.constantFrom("a", "b"), { minLength: length, maxLength: length }).map((cs) =>
      cs.join("")
    )
  );
  fc.assert(fc.property(fc.array(key, { maxLength: 300 }), (texts) => void checkAgainstMap(texts)));
});

Deno.test("every key of up to 20 bytes differing in one byte gets its own id", () => {
  const texts: string[] = [];
  for (let length = 1; length <= 20; length++) {
    for (let at = 0; at < length; at++) {
      texts.push("a".repeat(at) + "b" + "a".repeat(length - at - 1));
    }
    texts.push("a".repeat(length));
  }
  const table = checkAgainstMap([...texts, ...texts]);
  assert.equal(table.size, texts.length);
});
