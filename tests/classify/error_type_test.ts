/**
 * Tests for lib/classify/error_type.ts: `ErrorTypeClassifier` rule semantics
 * (`$1` / `$<name>` names, first match wins, flags, template fallback, invalid
 * patterns throw a SyntaxError naming the rule) and the shipped
 * `DEFAULT_ERROR_TYPES` on realistic messages, masked as the pipeline does.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { ErrorTypeClassifier, type ErrorTypeRule } from "../../lib/classify/error_type.ts";
import { maskTemplateText } from "../../lib/classify/template.ts";
import { DEFAULT_ERROR_TYPES } from "../../lib/config/schema.ts";

Deno.test("$1 names the type after the first capture group", () => {
  const c = new ErrorTypeClassifier([{ name: "$1", pattern: "\\b([A-Z]\\w*Exception)\\b" }]);
  assert.equal(c.classify("java.lang.NullPointerException at x"), "NullPointerException");
  assert.equal(c.classify("caused by IllegalStateException: boom"), "IllegalStateException");
});

Deno.test("$<name> and mixed names with literal text", () => {
  const c = new ErrorTypeClassifier([
    { name: "HTTP $<code>", pattern: "status (?<code>\\d{3})" },
    { name: "$2/$1", pattern: "(\\w+) failed on (\\w+)" },
  ]);
  assert.equal(c.classify("upstream returned status 503 after retry"), "HTTP 503");
  assert.equal(c.classify("write failed on disk"), "disk/write");
});

Deno.test("a literal name is used as is", () => {
  const c = new ErrorTypeClassifier([{ name: "Timeout", pattern: "timed? ?out", flags: "i" }]);
  assert.equal(c.classify("Request timed out after <*> s"), "Timeout");
  assert.equal(c.classify("TIMEOUT waiting for lock"), "Timeout");
});

Deno.test("first matching rule wins", () => {
  const rules: ErrorTypeRule[] = [
    { name: "A", pattern: "disk" },
    { name: "B", pattern: "disk full" },
    { name: "C", pattern: "full" },
  ];
  const c = new ErrorTypeClassifier(rules);
  assert.equal(c.classify("disk full"), "A");
  assert.equal(c.classify("tank full"), "C");
  // Reordering changes the answer.
  assert.equal(new ErrorTypeClassifier([rules[2], rules[1], rules[0]]).classify("disk full"), "C");
});

Deno.test("no match: the template itself is the type; empty → (empty message)", () => {
  const c = new ErrorTypeClassifier([{ name: "X", pattern: "^never$" }]);
  assert.equal(c.classify("Disk full"), "Disk full");
  assert.equal(c.classify('Out of memory: "<*>" killed'), 'Out of memory: "<*>" killed');
  assert.equal(c.classify(""), "(empty message)");
  assert.equal(c.classify("   "), "(empty message)");
  assert.equal(new ErrorTypeClassifier([]).classify("anything"), "anything");
});

Deno.test("a name that expands to blank falls through to the next rule", () => {
  const c = new ErrorTypeClassifier([
    { name: "$1", pattern: "(foo)?bar" },
    { name: " $<missing> ", pattern: "bar" },
    { name: "Bar", pattern: "bar" },
  ]);
  assert.equal(c.classify("bar"), "Bar");
  assert.equal(c.classify("foobar"), "foo");
});

Deno.test("flags: i is honoured; g and y do not make matching stateful", () => {
  assert.equal(
    new ErrorTypeClassifier([{ name: "T", pattern: "timeout" }]).classify("TIMEOUT"),
    "TIMEOUT", // case-sensitive: no match, falls back to the template
  );
  const c = new ErrorTypeClassifier([{ name: "T", pattern: "timeout", flags: "giy" }]);
  for (let i = 0; i < 5; i++) assert.equal(c.classify("a TIMEOUT here"), "T", `call ${i}`);
  const s = new ErrorTypeClassifier([{ name: "$1", pattern: "(\\w+)Exception", flags: "g" }]);
  for (let i = 0; i < 3; i++) assert.equal(s.classify("IOException"), "IO");
});

Deno.test("an invalid pattern throws a SyntaxError naming the rule", () => {
  const rules: ErrorTypeRule[] = [
    { name: "Fine", pattern: "ok" },
    { name: "Broken", pattern: "([unclosed" },
  ];
  assert.throws(
    () => new ErrorTypeClassifier(rules),
    (error: unknown) => {
      assert.ok(error instanceof SyntaxError, String(error));
      assert.match(error.message, /error_types\[1\]/);
      assert.match(error.message, /Broken/);
      assert.match(error.message, /invalid pattern/);
      return true;
    },
  );
  assert.throws(
    () => new ErrorTypeClassifier([{ name: "BadFlags", pattern: "x", flags: "q" }]),
    (error: unknown) => error instanceof SyntaxError && error.message.includes("BadFlags"),
  );
});

// ---------------------------------------------------------------- shipped defaults

const defaults = new ErrorTypeClassifier(DEFAULT_ERROR_TYPES);

/** Masks the raw message first, as the pipeline does, then classifies the template. */
function typeOf(message: string): string {
  return defaults.classify(maskTemplateText(message));
}

Deno.test("defaults: exception and error class names", () => {
  const cases: [string, string][] = [
    ['java.lang.NullPointerException: Cannot invoke "String.length()"', "NullPointerException"],
    ["Unhandled NullPointerException in OrderService.process", "NullPointerException"],
    ["java.io.FileNotFoundException: /etc/app.conf (No such file)", "FileNotFoundException"],
    ["TypeError: cannot read properties of undefined", "TypeError"],
    ["OutOfMemoryError: Java heap space", "OutOfMemoryError"],
    ["IOError raised while flushing", "IOError"],
    // The class name wins over later rules.
    ["SocketTimeoutException: Read timed out", "SocketTimeoutException"],
    ["IOException: Connection reset by peer", "IOException"],
  ];
  for (const [message, type] of cases) assert.equal(typeOf(message), type, message);
});

Deno.test("defaults: Timeout, ConnectionError, AuthenticationError, NotFound, PermissionDenied", () => {
  const cases: [string, string][] = [
    ["Request timed out after 30 s", "Timeout"],
    ["Timeout waiting for response from 10.0.0.4", "Timeout"],
    ["upstream times out", "Timeout"],
    ["ReadTimeout on shard 3", "Timeout"],
    ["2 timeouts in a row", "Timeout"],
    ["Deadline exceeded calling payments", "Timeout"],
    ["Connection timed out", "Timeout"], // Timeout is listed before ConnectionError
    ["Connection refused to 10.0.0.9:5432", "ConnectionError"],
    ["connection reset by peer", "ConnectionError"],
    ["Host unreachable: db-1", "ConnectionError"],
    ["write failed: broken pipe", "ConnectionError"],
    ["connect ECONNREFUSED 127.0.0.1:6379", "ConnectionError"],
    ["Authentication failed for user alice", "AuthenticationError"],
    ["auth failed: bad signature", "AuthenticationError"],
    ["Invalid token presented by client", "AuthenticationError"],
    ["401 Unauthorized", "AuthenticationError"],
    ["Login failed for admin", "AuthenticationError"],
    ["File not found: /var/data/abc123.dat", "NotFound"],
    ["open /tmp/x: no such file or directory", "NotFound"],
    ['Table "users" does not exist', "NotFound"],
    ["Permission denied: /etc/shadow", "PermissionDenied"],
    ["Access denied for user 'bob'@'localhost'", "PermissionDenied"],
    ["403 Forbidden", "PermissionDenied"],
    ["Operation not permitted", "PermissionDenied"],
    ["EACCES: cannot open /var/log/app.log", "PermissionDenied"],
  ];
  for (const [message, type] of cases) assert.equal(typeOf(message), type, message);
});

Deno.test("defaults: anything else is typed by its template", () => {
  assert.equal(typeOf("Disk quota exceeded on volume 7"), "Disk quota exceeded on volume <*>");
  // Quoted words are words: only variable values (digits, ids, paths…) are masked.
  assert.equal(typeOf(`Out of memory: "worker" killed`), `Out of memory: "worker" killed`);
  assert.equal(typeOf(""), "(empty message)");
  // A bare "Error" is not a class name (the rule needs a prefix before Error).
  assert.equal(typeOf("Error: boom"), "Error: boom");
  // "time out" only as words: a runtime's output is no timeout.
  assert.equal(typeOf("runtime output truncated"), "runtime output truncated");
  assert.equal(typeOf("overtime outstanding"), "overtime outstanding");
});

Deno.test("property: the type is never blank, and is the template when no default matches", () => {
  const safe = fc.string({ unit: fc.constantFrom(..."bghjkpqvwyz <>*".split("")), maxLength: 30 });
  fc.assert(
    fc.property(fc.oneof(fc.string(), safe), (message) => {
      const template = maskTemplateText(message);
      const type = defaults.classify(template);
      assert.ok(type.trim().length > 0);
      if (/^[bghjkpqvwyz <>*]*$/.test(message)) assert.equal(type, template);
    }),
  );
});
