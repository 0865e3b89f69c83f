/**
 * Tests for lib/classify/hash.ts: `hashBytes` against a BigInt reference of
 * its documented algorithm (FNV-1a 32, then murmur3's fmix32), checked on
 * published test vectors; determinism, unsigned 32-bit results, and that only
 * `buf[start, end)` is hashed.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { hashBytes } from "../../lib/classify/hash.ts";

const encoder = new TextEncoder();
const MASK = 0xffffffffn;

/** FNV-1a, 32 bits, from its specification (offset basis 2166136261, prime 16777619). */
function fnv1a(bytes: Uint8Array): bigint {
  let h = 2166136261n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 16777619n) & MASK;
  return h;
}

/** MurmurHash3's 32-bit finalizer, from its specification. */
function fmix32(h: bigint): bigint {
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & MASK;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & MASK;
  h ^= h >> 16n;
  return h;
}

function reference(bytes: Uint8Array): number {
  return Number(fmix32(fnv1a(bytes)));
}

function hashText(text: string): number {
  const bytes = encoder.encode(text);
  return hashBytes(bytes, 0, bytes.length);
}

Deno.test("the reference matches published FNV-1a and murmur3 vectors", () => {
  assert.equal(fnv1a(encoder.encode("")), 0x811c9dc5n);
  assert.equal(fnv1a(encoder.encode("a")), 0xe40c292cn);
  assert.equal(fnv1a(encoder.encode("foobar")), 0xbf9cf968n);
  // MurmurHash3_x86_32 of the empty input is fmix32(seed).
  assert.equal(fmix32(0n), 0n);
  assert.equal(fmix32(1n), 0x514e28b7n);
  assert.equal(fmix32(0xffffffffn), 0x81f16f39n);
});

Deno.test("hashBytes equals the reference on fixed inputs", () => {
  for (
    const text of ["", "a", "b", "ab", "ba", "foobar", "api-service", "10.0.0.1", "é", "\u{1F600}"]
  ) {
    assert.equal(hashText(text), reference(encoder.encode(text)), JSON.stringify(text));
  }
});

Deno.test("deterministic across calls and copies", () => {
  const a = encoder.encode("Connection refused to <*>");
  const b = a.slice();
  const first = hashBytes(a, 0, a.length);
  assert.equal(hashBytes(a, 0, a.length), first);
  assert.equal(hashBytes(b, 0, b.length), first);
});

Deno.test("start/end: only the range is hashed; an empty range hashes like empty input", () => {
  const buf = encoder.encode("xx|api-service|yy");
  const inner = encoder.encode("api-service");
  assert.equal(hashBytes(buf, 3, 14), hashBytes(inner, 0, inner.length));
  assert.notEqual(hashBytes(buf, 3, 15), hashBytes(buf, 3, 14));
  assert.notEqual(hashBytes(buf, 2, 14), hashBytes(buf, 3, 14));
  assert.equal(hashBytes(buf, 5, 5), hashText(""));
  assert.equal(hashBytes(buf, 0, 0), hashText(""));
});

Deno.test("order matters", () => {
  assert.notEqual(hashText("ab"), hashText("ba"));
  assert.notEqual(hashText("api"), hashText("pia"));
});

Deno.test("property: equals the reference and is an unsigned 32-bit integer", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const h = hashBytes(bytes, 0, bytes.length);
      assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff, String(h));
      assert.equal(h, reference(bytes));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("property: a range hashes like a copy of its bytes, whatever surrounds it", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 40 }),
      (before, middle, after) => {
        const buf = new Uint8Array(before.length + middle.length + after.length);
        buf.set(before, 0);
        buf.set(middle, before.length);
        buf.set(after, before.length + middle.length);
        const start = before.length;
        const end = start + middle.length;
        assert.equal(hashBytes(buf, start, end), hashBytes(middle.slice(), 0, middle.length));
      },
    ),
  );
});

Deno.test("property: inputs differing only in the last byte never collide", () => {
  // FNV-1a's last step is injective in the last byte and fmix32 is a bijection.
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 30 }), (prefix) => {
      const buf = new Uint8Array(prefix.length + 1);
      buf.set(prefix);
      const seen = new Set<number>();
      for (let b = 0; b < 256; b++) {
        buf[prefix.length] = b;
        seen.add(hashBytes(buf, 0, buf.length));
      }
      assert.equal(seen.size, 256);
    }),
    { numRuns: 200 },
  );
});
