/**
 * Tests for lib/classify/template.ts: the scan workers' masking. The rules
 * themselves are tested with the miner's string masker as oracle in
 * tests/templates/mask_bytes_test.ts; here: the empty case, ranges, buffer
 * reuse, and that the byte path agrees with the string masker.
 */

import assert from "node:assert/strict";
import {
  EMPTY_MESSAGE,
  maskTemplateText as mask,
  TemplateMasker,
  WILDCARD,
} from "../../lib/classify/template.ts";
import { maskMessage } from "../../lib/templates/mask.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function maskWith(masker: TemplateMasker, buf: Uint8Array, start: number, end: number): string {
  const { bytes, length } = masker.mask(buf, start, end);
  return decoder.decode(bytes.subarray(0, length));
}

Deno.test("constants", () => {
  assert.equal(WILDCARD, "<*>");
  assert.equal(EMPTY_MESSAGE, "(empty message)");
});

Deno.test("hand-checked templates", () => {
  const pairs: [string, string][] = [
    ["Connection refused to 10.0.0.9:5432", "Connection refused to <*>"],
    ["Request timed out after 30 s", "Request timed out after <*> <*>"],
    ["retry 3 of 5", "retry <*> of <*>"],
    ["session 9f8e7d6c5b4a closed (uid=0)", "session <*> closed (uid=<*>)"],
    ["eth1 link down", "eth1 link down"],
    ["File not found: /var/data/x.csv", "File not found: <*>"],
    ["  a \t\n b  ", "a b"],
  ];
  for (const [message, template] of pairs) assert.equal(mask(message), template, message);
});

Deno.test("empty and blank messages are (empty message)", () => {
  for (const message of ["", " ", " \t\r\n "]) assert.equal(mask(message), EMPTY_MESSAGE);
  assert.equal(mask(EMPTY_MESSAGE), EMPTY_MESSAGE);
  assert.equal(mask(WILDCARD), WILDCARD);
});

Deno.test("the byte masker agrees with the miner's string masker", () => {
  const messages = [
    "User 17 logged in from 10.0.0.1 (session 9f8e7d6c)",
    'Out of memory: "worker" killed',
    "prix 12€ payé",
    "用户 42 登录",
    "at Fri Jun 17 07:07:00 2005, took 12 ms",
    "Received block blk_-42 of size 67108864 from /10.0.0.1",
  ];
  for (const message of messages) {
    assert.equal(mask(message), maskMessage(message).join(" "), message);
  }
});

Deno.test("TemplateMasker.mask respects start/end", () => {
  const masker = new TemplateMasker();
  const text = "xx42 Connection refused to 10.0.0.9:5432 99yy";
  const buf = encoder.encode(text);
  const start = 5;
  const end = text.indexOf(" 99yy");
  assert.equal(maskWith(masker, buf, start, end), "Connection refused to <*>");
  assert.equal(maskWith(masker, buf, 3, 3), EMPTY_MESSAGE);
});

Deno.test("TemplateMasker reuses its buffer and grows for long messages", () => {
  const masker = new TemplateMasker();
  const long = Array.from({ length: 3000 }, (_, i) => `k${i}=${i}`).join(" ");
  const want = maskMessage(long).join(" ");
  for (let round = 0; round < 2; round++) {
    assert.equal(maskWith(masker, encoder.encode("short 1"), 0, 7), "short <*>");
    assert.equal(maskWith(masker, encoder.encode(long), 0, encoder.encode(long).length), want);
    assert.equal(maskWith(masker, encoder.encode("short 2 again"), 0, 13), "short <*> again");
  }
});
