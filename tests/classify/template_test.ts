/**
 * Tests for lib/classify/template.ts: `maskTemplateText` and `TemplateMasker`
 * on the module's documented rules (digit tokens, hex ids, UUIDs, IPs, quoted
 * values, kept trailing `.`/`:`, delimiters, whitespace collapse, the empty
 * message), byte ranges and buffer growth, and properties: idempotence, no
 * digits survive, messages differing only in variables share a template.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  EMPTY_MESSAGE,
  maskTemplateText as mask,
  TemplateMasker,
  WILDCARD,
} from "../../lib/classify/template.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function maskWith(masker: TemplateMasker, buf: Uint8Array, start: number, end: number): string {
  const { bytes, length } = masker.mask(buf, start, end);
  return decoder.decode(bytes.subarray(0, length));
}

/** Asserts each `[message, template]` pair. */
function table(pairs: [string, string][]): void {
  for (const [message, template] of pairs) {
    assert.equal(mask(message), template, `mask(${JSON.stringify(message)})`);
  }
}

Deno.test("constants", () => {
  assert.equal(WILDCARD, "<*>");
  assert.equal(EMPTY_MESSAGE, "(empty message)");
});

Deno.test("documented examples", () => {
  table([
    ["Connection refused to 10.0.0.9:5432", "Connection refused to <*>"],
    ["Request timed out after 30 s", "Request timed out after <*> s"],
    [`Out of memory: "worker" killed`, `Out of memory: "<*>" killed`],
  ]);
});

Deno.test("tokens containing a digit become <*>", () => {
  table([
    ["retry 3 of 5", "retry <*> of <*>"],
    ["took 250ms", "took <*>"],
    ["version v1.2.3-beta deployed", "version <*> deployed"],
    ["user42 logged in", "<*> logged in"],
    ["error E11000 duplicate key", "error <*> duplicate key"],
    ["-1 is not allowed", "<*> is not allowed"],
    ["ratio 0.75", "ratio <*>"],
    ["addr fe80::1 down", "addr <*> down"],
    ["at 2024-01-15T10:00:00Z", "at <*>"],
  ]);
});

Deno.test("IPs, UUIDs and hex ids", () => {
  table([
    ["from 192.168.1.100", "from <*>"],
    ["request 550e8400-e29b-41d4-a716-446655440000 failed", "request <*> failed"],
    // Hex ids of 8+ hex digits are masked even without a decimal digit.
    ["trace deadbeef ok", "trace <*> ok"],
    ["trace DEADBEEFCAFE ok", "trace <*> ok"],
    ["trace DeadBeef ok", "trace <*> ok"],
    ["id=0xdeadbeef", "id=<*>"],
    ["sha abcdef0123456789abcdef0123456789abcdef01", "sha <*>"],
  ]);
});

Deno.test("hex-looking words shorter than 8, or with a non-hex letter, are kept", () => {
  table([
    ["trace deadbee ok", "trace deadbee ok"], // 7 hex letters
    ["cafe face bead", "cafe face bead"],
    ["feedbackx", "feedbackx"], // 'k' and 'x' are not hex
    ["acceded defaced effaced", "acceded defaced effaced"], // 7 letters each
    ["Accessed database", "Accessed database"], // 's' is not hex
  ]);
});

Deno.test("a trailing . or : is kept after <*>", () => {
  table([
    ["step 3.", "step <*>."],
    ["port 80: open", "port <*>: open"],
    ["retrying in 5...", "retrying in <*>..."],
    ["at 10.0.0.1:", "at <*>:"],
    ["code 42.:", "code <*>.:"],
    ["session deadbeef.", "session <*>."],
    ["txn cafebabe12: aborted", "txn <*>: aborted"],
    ["txn cafebabe: aborted", "txn <*>: aborted"],
  ]);
});

Deno.test("delimiters split tokens and are kept", () => {
  table([
    ["k=v1,v2;(3)", "k=<*>,<*>;(<*>)"],
    ["path /var/log/app1/x.log", "path /var/log/<*>/x.log"],
    ["list [1, 2, 3]", "list [<*>, <*>, <*>]"],
    ["map {a=1|b=2}", "map {a=<*>|b=<*>}"],
    ["cmp <10>", "cmp <<*>>"],
    ["win C:\\Users\\u1\\x", "win C:\\Users\\<*>\\x"],
    ["f(x)=y", "f(x)=y"],
  ]);
});

Deno.test('double-quoted values become "<*>"', () => {
  table([
    [`user "alice" not found`, `user "<*>" not found`],
    [`empty "" value`, `empty "<*>" value`],
    [`a "two words" b`, `a "<*>" b`],
    [`"first" and "second"`, `"<*>" and "<*>"`],
    [`key="x y z";`, `key="<*>";`],
    [`unclosed "quote here`, `unclosed "quote here`],
    [`unclosed "quote 42`, `unclosed "quote <*>`],
  ]);
});

Deno.test("single-quoted values become '<*>' only at a token start", () => {
  table([
    ["table 'users' missing", "table '<*>' missing"],
    ["it's 'x' here", "it's '<*>' here"],
    ["don't stop", "don't stop"],
    ["it's Bob's", "it's Bob's"],
    ["abc 'unterminated", "abc 'unterminated"],
    ["('a', 'b')", "('<*>', '<*>')"],
    ["'lead' text", "'<*>' text"],
  ]);
});

Deno.test("whitespace runs collapse, ends are trimmed", () => {
  table([
    ["  a \t\n b  ", "a b"],
    ["a\r\nb", "a b"],
    ["a\u000bb\u000cc", "a b c"],
    ["one   two\t\tthree", "one two three"],
    ["\tlead and trail\n", "lead and trail"],
  ]);
});

Deno.test("empty and blank messages", () => {
  table([
    ["", EMPTY_MESSAGE],
    [" ", EMPTY_MESSAGE],
    [" \t\r\n ", EMPTY_MESSAGE],
  ]);
  // Masking the placeholder itself is stable.
  assert.equal(mask(EMPTY_MESSAGE), EMPTY_MESSAGE);
  assert.equal(mask(WILDCARD), WILDCARD);
});

Deno.test("non-ASCII text is kept; non-ASCII tokens with a digit are masked", () => {
  table([
    ["café fermé", "café fermé"],
    ["prix 12€ payé", "prix <*> payé"],
    ["ошибка подключения", "ошибка подключения"],
    ["用户 42 登录", "用户 <*> 登录"],
    ["emoji \u{1F600} ok", "emoji \u{1F600} ok"],
    ["nbsp\u00a0kept", "nbsp\u00a0kept"], // only ASCII whitespace splits
  ]);
});

Deno.test("TemplateMasker.mask respects start/end and agrees with maskTemplateText", () => {
  const masker = new TemplateMasker();
  const text = "xx42 Connection refused to 10.0.0.9:5432 99yy";
  const buf = encoder.encode(text);
  const start = 5;
  const end = text.indexOf(" 99yy");
  assert.equal(maskWith(masker, buf, start, end), "Connection refused to <*>");
  assert.equal(maskWith(masker, buf, start, end), mask(text.slice(start, end)));
  // A quote whose closer lies beyond `end` is unclosed inside the range.
  const quoted = encoder.encode(`say "hi" there`);
  assert.equal(maskWith(masker, quoted, 0, 7), `say "hi`);
  assert.equal(maskWith(masker, quoted, 0, quoted.length), `say "<*>" there`);
  // An empty range.
  assert.equal(maskWith(masker, buf, 3, 3), EMPTY_MESSAGE);
});

Deno.test("TemplateMasker reuses its buffer and grows for long messages", () => {
  const masker = new TemplateMasker();
  // Worst-case expansion: every 1-byte token becomes 3 bytes.
  const long = Array.from({ length: 3000 }, () => "7").join(",");
  const want = Array.from({ length: 3000 }, () => WILDCARD).join(",");
  const quotes = `""`.repeat(2000);
  const quotesWant = `"<*>"`.repeat(2000);
  for (let round = 0; round < 2; round++) {
    assert.equal(maskWith(masker, encoder.encode("short 1"), 0, 7), "short <*>");
    assert.equal(maskWith(masker, encoder.encode(long), 0, long.length), want);
    assert.equal(maskWith(masker, encoder.encode(quotes), 0, quotes.length), quotesWant);
    assert.equal(maskWith(masker, encoder.encode("short 2 again"), 0, 13), "short <*> again");
  }
});

Deno.test("messages differing only in variables share a template", () => {
  const messages = [
    `User 17 logged in from 10.0.0.1 (session 9f8e7d6c)`,
    `User 123456 logged in from 192.168.200.3 (session deadbeef)`,
    `User 0 logged in from ::1 (session ABCDEF0123)`,
  ];
  const templates = new Set(messages.map(mask));
  assert.deepEqual([...templates], ["User <*> logged in from <*> (session <*>)"]);
});

// ---------------------------------------------------------------- properties

/** Strings rich in the bytes the rules care about. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ..."aAfFxz09 .:,;()[]{}<>|=/\\\"'\t\n*-_é".split(""),
    "deadbeef",
    "<*>",
    "\u{1F600}",
  ),
  maxLength: 40,
});

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  tricky,
);

Deno.test("property: masking is idempotent", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const once = mask(text);
      assert.equal(mask(once), once, `input ${JSON.stringify(text)}`);
    }),
    { numRuns: 5000 },
  );
});

Deno.test("property: output has no ASCII digits, no whitespace runs, no blank ends", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const out = mask(text);
      assert.ok(out.length > 0);
      assert.doesNotMatch(out, /[0-9]/, `digit survived: ${JSON.stringify(text)} → ${out}`);
      assert.doesNotMatch(out, /[\t\n\r\v\f]| {2}/, `whitespace: ${JSON.stringify(out)}`);
      assert.ok(!out.startsWith(" ") && !out.endsWith(" "), JSON.stringify(out));
    }),
    { numRuns: 3000 },
  );
});

Deno.test("property: plain words without digits, hex ids or quotes pass through", () => {
  // Words from non-hex letters only, joined by single spaces and delimiters.
  const word = fc.string({
    unit: fc.constantFrom(..."ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ_-.:"),
    minLength: 1,
    maxLength: 10,
  });
  const sep = fc.constantFrom(" ", ", ", "=", "/", " (", ") ", "; ");
  fc.assert(
    fc.property(fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 8 }), (parts) => {
      const text = parts.map(([w, s]) => w + s).join("").trim();
      assert.equal(mask(text), text);
    }),
  );
});

Deno.test("property: variables substituted into a fixed text give one template", () => {
  const variable = fc.oneof(
    fc.nat().map(String),
    fc.ipV4(),
    fc.uuid(),
    fc.integer({ min: 0x10000000, max: 0xffffffff }).map((n) => n.toString(16)),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 }).map(String),
  );
  fc.assert(
    fc.property(variable, variable, (a, b) => {
      const template = (x: string, y: string) => `Job ${x} failed on host ${y}: retrying.`;
      assert.equal(mask(template(a, b)), "Job <*> failed on host <*>: retrying.");
    }),
  );
});
