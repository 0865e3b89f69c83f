/** viewBytesEqual against a byte-by-byte comparison, at any offsets and lengths. */

import assert from "node:assert/strict";
import fc from "fast-check";
import { viewBytesEqual } from "../../lib/bytes/bytes_equal.ts";

Deno.test("property: equals a byte-by-byte comparison of the two ranges", () => {
  const bytes = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((a) => a.map((b) => b & 3));
  fc.assert(
    fc.property(bytes, bytes, fc.nat(), fc.nat(), fc.nat(), (a, b, i, j, n) => {
      const aStart = a.length === 0 ? 0 : i % a.length;
      const bStart = b.length === 0 ? 0 : j % b.length;
      const length = Math.min(a.length - aStart, b.length - bStart, n % 41);
      let expected = true;
      for (let k = 0; k < length; k++) if (a[aStart + k] !== b[bStart + k]) expected = false;
      const got = viewBytesEqual(
        new DataView(a.buffer),
        aStart,
        new DataView(b.buffer),
        bStart,
        length,
      );
      assert.equal(got, expected);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("a difference in the last byte after whole words is seen", () => {
  const a = new DataView(new TextEncoder().encode("abcdefghi").buffer);
  const b = new DataView(new TextEncoder().encode("abcdefghj").buffer);
  assert.equal(viewBytesEqual(a, 0, b, 0, 8), true);
  assert.equal(viewBytesEqual(a, 0, b, 0, 9), false);
});
