/**
 * Tests for lib/formats/json_lines.ts: hand-written records (flat, nested,
 * dotted keys, epoch numbers), reject reasons, and the real Zeek JSON logs.
 */

import assert from "node:assert/strict";
import { getField, parseJsonLine, type ParseOutcome } from "../../lib/formats/mod.ts";
import { datasetLines, parseAll } from "./datasets.ts";

function fieldsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.fields;
}

Deno.test("flat record with ISO timestamp and the default field names", () => {
  const line = '{"timestamp":"2024-01-15T10:00:00Z","level":"warn","msg":"slow query",' +
    '"service":"db","client_ip":"10.0.0.7","path":"/api/orders?id=5"}';
  assert.deepEqual(fieldsOf(parseJsonLine(line)), {
    // ISO text is left to lib/time, so no tsEpochMs here.
    ts: "2024-01-15T10:00:00Z",
    level: "warn",
    service: "db",
    ip: "10.0.0.7",
    endpoint: "/api/orders",
    message: "slow query",
  });
});

Deno.test("log.level as a nested path and as a literal dotted key", () => {
  const nested = fieldsOf(
    parseJsonLine('{"@timestamp":"t","log":{"level":"error"},"message":"x"}'),
  );
  assert.equal(nested.level, "error");
  assert.equal(nested.ts, "t");
  const literal = fieldsOf(parseJsonLine('{"log.level":"debug","message":"x"}'));
  assert.equal(literal.level, "debug");
  // The literal key wins when both exist.
  const both = fieldsOf(parseJsonLine('{"log.level":"a","log":{"level":"b"},"message":"x"}'));
  assert.equal(both.level, "a");
});

Deno.test("epoch numbers: seconds (float) and milliseconds", () => {
  // Zeek-style float seconds: 1521911747.733 s -> 1,521,911,747,733 ms.
  const s = fieldsOf(parseJsonLine('{"ts":1521911747.733,"msg":"a"}'));
  assert.equal(s.ts, "1521911747.733");
  assert.equal(s.tsEpochMs, 1_521_911_747_733);
  // JavaScript-style ms (pino): 1705312800000 is already ms.
  const ms = fieldsOf(parseJsonLine('{"time":1705312800000,"level":30,"msg":"a"}'));
  assert.equal(ms.tsEpochMs, 1_705_312_800_000);
  // pino's numeric level is kept as text, as found.
  assert.equal(ms.level, "30");
});

Deno.test("first present name wins; non-scalar and empty values are skipped", () => {
  const line = '{"service":{"name":"api"},"app":"billing","ip":"","src_ip":"192.0.2.4",' +
    '"time":"t1","ts":"t2","message":"m","msg":"n"}';
  const f = fieldsOf(parseJsonLine(line));
  assert.equal(f.service, "billing");
  assert.equal(f.ip, "192.0.2.4");
  assert.equal(f.ts, "t1");
  assert.equal(f.message, "m");
});

Deno.test("no message field: the whole line is the message and the level is inferred", () => {
  const line = '{"event":"upload","result":"failed","size":12}';
  const f = fieldsOf(parseJsonLine(`${line}\r\n`));
  assert.deepEqual(f, {
    ts: null,
    level: "ERROR",
    service: null,
    ip: null,
    endpoint: null,
    message: line,
  });
  // A structured message is kept as JSON text.
  assert.equal(fieldsOf(parseJsonLine('{"message":{"a":1}}')).message, '{"a":1}');
});

Deno.test("configurable field names", () => {
  const opts = { serviceFields: ["svc"], ipFields: ["peer.addr"], endpointFields: ["route"] };
  const f = fieldsOf(
    parseJsonLine(
      '{"svc":"auth","peer":{"addr":"10.1.1.1"},"route":"/login","service":"ignored"}',
      opts,
    ),
  );
  assert.equal(f.service, "auth");
  assert.equal(f.ip, "10.1.1.1");
  assert.equal(f.endpoint, "/login");
});

Deno.test("getField does not reach into the prototype", () => {
  assert.equal(getField({}, "constructor"), undefined);
  assert.equal(getField({ a: {} }, "a.constructor"), undefined);
  assert.equal(getField({ a: [1] }, "a.0"), undefined);
});

Deno.test("non-objects and broken JSON are rejected with their reason", () => {
  const cases: Array<[string, RegExp]> = [
    ["", /^json: empty line$/],
    ["not json", /^json: line does not start with '\{' \(not a JSON object\)$/],
    ["[1,2]", /^json: line does not start with/],
    ['"str"', /^json: line does not start with/],
    ['{"a":', /^json: invalid JSON \(/],
    ['{"a":1} trailing', /^json: invalid JSON \(/],
  ];
  for (const [line, reason] of cases) {
    const out = parseJsonLine(line);
    assert.equal(out.ok, false, line);
    if (!out.ok) assert.match(out.reason, reason);
  }
});

for (const file of ["syslog", "notice", "ssh"]) {
  Deno.test(`zeek_json_wrccdc2018/${file}.json: every line parses`, () => {
    const lines = datasetLines(`zeek_json_wrccdc2018/${file}.json`);
    const expected: Record<string, number> = { syslog: 2378, notice: 207, ssh: 22 };
    assert.equal(lines.length, expected[file]);
    const { outcomes, rejects } = parseAll(lines, (line) => parseJsonLine(line));
    assert.deepEqual(rejects, []);
    for (const outcome of outcomes) {
      const f = fieldsOf(outcome);
      assert.equal(f.service, file); // Zeek's "_path"
      assert.match(f.ip ?? "", /^\d+\.\d+\.\d+\.\d+$/); // the literal "id.orig_h" key
      assert.match(f.ts ?? "", /^2018-03-24T17:\d{2}:\d{2}\.\d{6}Z$/);
    }
  });
}

Deno.test("zeek syslog.json levels come from severity as found", () => {
  const { outcomes } = parseAll(
    datasetLines("zeek_json_wrccdc2018/syslog.json"),
    (l) => parseJsonLine(l),
  );
  const levels = new Map<string, number>();
  for (const o of outcomes) {
    const level = fieldsOf(o).level ?? "";
    levels.set(level, (levels.get(level) ?? 0) + 1);
  }
  // The counts the dataset's SOURCE.md documents.
  assert.deepEqual(Object.fromEntries(levels), { NOTICE: 1242, INFO: 1124, ERR: 8, WARNING: 4 });
  // The message is the RFC 5424 string, with JSON inside it kept verbatim.
  const first = fieldsOf(outcomes[0]);
  assert.ok(
    first.message.startsWith(
      "1 2018-03-24T08:59:37-07:00 PC-helen.jerry.land EvntSLog - - - @cee: {",
    ),
  );
});

Deno.test("zeek notice.json messages come from msg; levels are inferred from it", () => {
  const { outcomes } = parseAll(
    datasetLines("zeek_json_wrccdc2018/notice.json"),
    (l) => parseJsonLine(l),
  );
  const first = fieldsOf(outcomes[0]);
  assert.deepEqual(first, {
    ts: "2018-03-24T17:15:20.629574Z",
    level: "ERROR", // "... validation failed ..."
    service: "notice",
    ip: "10.164.94.120",
    endpoint: null,
    message: "SSL certificate validation failed with (unable to get local issuer certificate)",
  });
});
