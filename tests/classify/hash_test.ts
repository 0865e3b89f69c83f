/**
 * Tests for lib/classify/hash.ts: `hashBytes` and `hashView` against a BigInt reference of
 * its documented algorithm (MurmurHash3 x86 32-bit), itself checked on
 * published test vectors; determinism, unsigned 32-bit results, and that only
 * `buf[start, end)` is hashed.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { hashBytes, hashView } from "../../lib/classify/hash.ts";

const encoder = new TextEncoder();
const MASK = 0xffffffffn;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (32n - r))) & MASK;
const mul = (a: bigint, b: bigint) => (a * b) & MASK;

/** MurmurHash3's 32-bit finalizer, from its specification. */
function fmix32(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul(h, 0xc2b2ae35n);
  h ^= h >> 16n;
  return h;
}

/** MurmurHash3_x86_32, written from its specification in BigInt arithmetic. */
function murmur3(bytes: Uint8Array, seed = 0n): bigint {
  const c1 = 0xcc9e2d51n;
  const c2 = 0x1b873593n;
  let h = seed;
  const blocks = bytes.length >> 2;
  for (let i = 0; i < blocks; i++) {
    let k = 0n;
    for (let j = 3; j >= 0; j--) k = (k << 8n) | BigInt(bytes[i * 4 + j]); // little-endian
    h ^= mul(rotl(mul(k, c1), 15n), c2);
    h = (mul(rotl(h, 13n), 5n) + 0xe6546b64n) & MASK;
  }
  let k = 0n;
  for (let j = bytes.length - 1; j >= blocks * 4; j--) k = (k << 8n) | BigInt(bytes[j]);
  if (bytes.length & 3) h ^= mul(rotl(mul(k, c1), 15n), c2);
  return fmix32(h ^ BigInt(bytes.length));
}

function reference(bytes: Uint8Array): number {
  return Number(murmur3(bytes));
}

function hashText(text: string): number {
  const bytes = encoder.encode(text);
  return hashBytes(bytes, 0, bytes.length);
}

Deno.test("the reference matches published MurmurHash3_x86_32 vectors", () => {
  const vectors: [string, bigint, bigint][] = [
    ["", 0n, 0n],
    ["", 1n, 0x514e28b7n],
    ["", 0xffffffffn, 0x81f16f39n],
    ["\0\0\0\0", 0n, 0x2362f9den],
    ["a", 0x9747b28cn, 0x7fa09ea6n],
    ["aa", 0x9747b28cn, 0x5d211726n],
    ["aaa", 0x9747b28cn, 0x283e0130n],
    ["aaaa", 0x9747b28cn, 0x5a97808an],
    ["abcd", 0x9747b28cn, 0xf0478627n],
    ["Hello, world!", 0x9747b28cn, 0x24884cban],
    ["The quick brown fox jumps over the lazy dog", 0x9747b28cn, 0x2fa826cdn],
  ];
  for (const [text, seed, expected] of vectors) {
    assert.equal(murmur3(encoder.encode(text), seed), expected, JSON.stringify(text));
    const bytes = encoder.encode(text);
    assert.equal(hashBytes(bytes, 0, bytes.length, Number(seed)), Number(expected));
  }
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

Deno.test("property: hashView equals the reference on any range of a larger buffer", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 20 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 20 }),
      (before, middle, after) => {
        const buf = new Uint8Array(before.length + middle.length + after.length);
        buf.set(before, 0);
        buf.set(middle, before.length);
        buf.set(after, before.length + middle.length);
        const view = new DataView(buf.buffer);
        const h = hashView(view, before.length, before.length + middle.length);
        assert.equal(h, reference(middle));
      },
    ),
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
  // The last block's mixing is injective in its bytes, and every later step is a bijection.
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
