/**
 * Tests for lib/formats/pattern.ts: named groups to fields, the timestamp
 * template, level inference, compile-time validation and non-matching lines.
 */

import assert from "node:assert/strict";
import { compilePattern, type ParseOutcome, parsePattern } from "../../lib/formats/mod.ts";

function fieldsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.fields;
}

const HDFS = {
  pattern: String
    .raw`^(?<date>\d{6}) (?<time>\d{6}) (?<pid>\d+) (?<level>\w+) (?<service>[^:]+): (?<message>.*)$`,
  timestamp: "{date} {time}",
};

Deno.test("HDFS example from the brief: groups and timestamp template", () => {
  const line = "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block " +
    "blk_38865049064139660 terminating\r";
  assert.deepEqual(fieldsOf(parsePattern(line, HDFS)), {
    ts: "081109 203615",
    level: "INFO",
    service: "dfs.DataNode$PacketResponder",
    ip: null,
    endpoint: null,
    message: "PacketResponder 1 for block blk_38865049064139660 terminating",
  });
});

Deno.test("ts, ip and endpoint groups; the endpoint loses its query string", () => {
  const opts = {
    pattern: String.raw`^(?<ts>\S+) (?<ip>\S+) (?<endpoint>\S+) (?<message>.*)$`,
  };
  assert.deepEqual(fieldsOf(parsePattern("2024-01-15T10:00:00Z 10.0.0.1 /a/b?c=1 done", opts)), {
    ts: "2024-01-15T10:00:00Z",
    level: "INFO",
    service: null,
    ip: "10.0.0.1",
    endpoint: "/a/b",
    message: "done",
  });
});

Deno.test("level: inferred when no level group matched, unless disabled", () => {
  const opts = { pattern: String.raw`^(?:\[(?<level>\w+)\] )?(?<message>.*)$` };
  assert.equal(fieldsOf(parsePattern("[debug] x failed", opts)).level, "debug");
  assert.equal(fieldsOf(parsePattern("x failed", opts)).level, "ERROR");
  assert.equal(fieldsOf(parsePattern("x failed", { ...opts, inferLevel: false })).level, null);
  const custom = { ...opts, levelKeywords: { error: ["denied"] } };
  assert.equal(fieldsOf(parsePattern("access denied", custom)).level, "ERROR");
});

Deno.test("template over optional groups: null when none matched", () => {
  const opts = {
    pattern: String.raw`^(?:(?<d>\d{4}-\d{2}-\d{2}) (?<t>[\d:]+) )?(?<message>.*)$`,
    timestamp: "{d}T{t}",
  };
  assert.equal(fieldsOf(parsePattern("2024-01-15 10:00:00 hi", opts)).ts, "2024-01-15T10:00:00");
  assert.equal(fieldsOf(parsePattern("hi", opts)).ts, null);
});

Deno.test("without a message group the whole line is the message", () => {
  const f = fieldsOf(parsePattern("E42 boom", { pattern: String.raw`^(?<level>E)\d+` }));
  assert.equal(f.message, "E42 boom");
  assert.equal(f.level, "E");
});

Deno.test("flags and RegExp objects are accepted", () => {
  assert.equal(
    parsePattern("ERROR: x", { pattern: "^(?<level>error): (?<message>.*)$", flags: "i" }).ok,
    true,
  );
  assert.equal(parsePattern("ERROR: x", { pattern: /^(?<level>\w+): (?<message>.*)$/ }).ok, true);
});

Deno.test("a line that does not match is rejected naming the pattern", () => {
  assert.deepEqual(parsePattern("not an hdfs line", HDFS), {
    ok: false,
    reason: String
      .raw`pattern: line does not match /^(?<date>\d{6}) (?<time>\d{6}) (?<pid>\d+) (?<level>\w+) ...` +
      "/",
  });
  assert.deepEqual(parsePattern("x", { pattern: "^(?<message>y)$" }), {
    ok: false,
    reason: "pattern: line does not match /^(?<message>y)$/",
  });
});

Deno.test("compilePattern validates up front", () => {
  assert.throws(() => compilePattern({ pattern: "(?<a>" }), /pattern: invalid regular expression/);
  assert.throws(() => compilePattern({ pattern: "^(\\w+)$" }), /no named groups/);
  assert.throws(() => compilePattern({ pattern: "(?<a>x)", flags: "g" }), /g and y flags/);
  assert.throws(
    () => compilePattern({ pattern: "(?<a>x)", timestamp: "{a} {b}" }),
    /unknown group\(s\): b/,
  );
  assert.throws(
    () => compilePattern({ pattern: "(?<a>x)", timestamp: "now" }),
    /names no \{group\}/,
  );
  const c = compilePattern({ pattern: "(?<a>x)(?<b>y)?(?<=x)", timestamp: "{a}" });
  assert.deepEqual([...c.groups], ["a", "b"]);
  assert.deepEqual(c.template, ["", "a", ""]);
});
