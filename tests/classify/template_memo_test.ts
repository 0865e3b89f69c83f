/**
 * The template memo must be invisible: it returns a remembered id only for
 * byte-identical messages, whatever else shared its entry or surrounds the
 * bytes, and forgets nothing it should not (it may forget: misses are fine).
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { TemplateMemo } from "../../lib/classify/template_memo.ts";

const encoder = new TextEncoder();

/** `text` inside a larger buffer, as a CSV field sits in a line. */
function embedded(text: string, pad: number): { buf: Uint8Array; start: number; end: number } {
  const buf = encoder.encode(`${"#".repeat(pad)}${text}${"#".repeat(pad)}`);
  return { buf, start: pad, end: buf.length - pad };
}

Deno.test("a hit needs the same bytes; a miss returns -1", () => {
  const memo = new TemplateMemo();
  const a = embedded("Disk full on volume /dev/sdc", 3);
  const hashA = memo.hash(a.buf, a.start, a.end);
  assert.equal(memo.get(a.buf, a.start, a.end, hashA), -1);
  memo.set(a.buf, a.start, a.end, hashA, 41);
  const again = embedded("Disk full on volume /dev/sdc", 0);
  assert.equal(memo.get(again.buf, again.start, again.end, memo.hash(again.buf, 0, again.end)), 41);
  const other = embedded("Disk full on volume /dev/sdd", 0);
  assert.equal(memo.get(other.buf, 0, other.end, memo.hash(other.buf, 0, other.end)), -1);
});

Deno.test("messages over the byte cap are never remembered", () => {
  const memo = new TemplateMemo();
  const long = embedded("x".repeat(500), 1);
  const hash = memo.hash(long.buf, long.start, long.end);
  memo.set(long.buf, long.start, long.end, hash, 3);
  assert.equal(memo.get(long.buf, long.start, long.end, hash), -1);
});

Deno.test("property: whatever was set, a hit always returns the id set for those exact bytes", () => {
  const message = fc.oneof(
    fc.string({ maxLength: 140 }),
    fc.array(fc.constantFrom("a", "b", " "), { maxLength: 40 }).map((cs) => cs.join("")),
  );
  fc.assert(
    fc.property(fc.array(message, { maxLength: 300 }), (messages) => {
      const memo = new TemplateMemo();
      const ids = new Map<string, number>();
      messages.forEach((text, i) => {
        const { buf, start, end } = embedded(text, i % 4);
        const hash = memo.hash(buf, start, end);
        const got = memo.get(buf, start, end, hash);
        if (!ids.has(text)) ids.set(text, ids.size);
        if (got >= 0) assert.equal(got, ids.get(text), JSON.stringify(text));
        else memo.set(buf, start, end, hash, ids.get(text)!);
      });
    }),
    { numRuns: 300 },
  );
});
