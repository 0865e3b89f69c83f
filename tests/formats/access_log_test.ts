/**
 * Tests for lib/formats/access_log.ts: hand-written common/combined lines with
 * hand-computed fields, each reject reason, and the real 10,000-line Apache
 * access log from semicomplete.com.
 */

import assert from "node:assert/strict";
import {
  parseAccessLog,
  parseClfTime,
  type ParseOutcome,
  requestEndpoint,
} from "../../lib/formats/mod.ts";
import { datasetLines, parseAll } from "./datasets.ts";

function fieldsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.fields;
}

Deno.test("combined format line (the Apache docs example)", () => {
  const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1 HTTP/1.0" ' +
    '200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
  assert.deepEqual(fieldsOf(parseAccessLog(line)), {
    ts: "10/Oct/2000:13:55:36 -0700",
    // 13:55:36 at -07:00 is 20:55:36 UTC on 2000-10-10: 11,240 days after
    // 1970-01-01 (10,957 to 2000-01-01, +274 to Oct 1 in a leap year, +9)
    // = 971,136,000 s, plus 75,336 s.
    tsEpochMs: 971_211_336_000,
    level: "INFO",
    service: null,
    ip: "127.0.0.1",
    endpoint: "/apache_pb.gif",
    message: "GET /apache_pb.gif?x=1 HTTP/1.0 200",
  });
});

Deno.test("common format line (no referer, no user agent), 4xx is WARN", () => {
  const line = '192.168.0.5 - - [17/May/2015:10:05:03 +0000] "POST /api/login HTTP/1.1" 401 -';
  assert.deepEqual(fieldsOf(parseAccessLog(line)), {
    ts: "17/May/2015:10:05:03 +0000",
    // 2015-05-17 is day 16,572 (16,436 to 2015-01-01, +120 to May 1, +16):
    // 1,431,820,800 s, plus 10:05:03 = 36,303 s.
    tsEpochMs: 1_431_857_103_000,
    level: "WARN",
    service: null,
    ip: "192.168.0.5",
    endpoint: "/api/login",
    message: "POST /api/login HTTP/1.1 401",
  });
});

Deno.test("5xx is ERROR, 3xx INFO; CRLF is tolerated", () => {
  const base = '10.0.0.1 - - [17/May/2015:10:05:03 +0000] "GET /x HTTP/1.1" ';
  assert.equal(fieldsOf(parseAccessLog(`${base}503 12 "-" "curl/8"`)).level, "ERROR");
  assert.equal(fieldsOf(parseAccessLog(`${base}500 0\r`)).level, "ERROR");
  assert.equal(fieldsOf(parseAccessLog(`${base}304 -`)).level, "INFO");
  assert.equal(fieldsOf(parseAccessLog(`${base}500 0\r`)).message, "GET /x HTTP/1.1 500");
});

Deno.test("request lines without a target give no endpoint but are records", () => {
  const f = fieldsOf(parseAccessLog('10.0.0.2 - - [17/May/2015:10:05:03 +0000] "-" 408 -'));
  assert.equal(f.endpoint, null);
  assert.equal(f.message, "- 408");
  assert.equal(f.level, "WARN");
});

Deno.test("Nginx extra fields and escaped quotes are accepted", () => {
  const line = '10.0.0.3 - - [01/Jan/2024:00:00:00 +0100] "GET /q?s=\\"x\\" HTTP/1.1" 200 5 ' +
    '"-" "Go-http-client/1.1" "203.0.113.9" 0.012';
  const f = fieldsOf(parseAccessLog(line));
  assert.equal(f.endpoint, "/q");
  assert.equal(f.ip, "10.0.0.3");
  // 2024-01-01T00:00:00+01:00 is 2023-12-31T23:00:00Z = 1,704,067,200 - 3,600 s.
  assert.equal(f.tsEpochMs, 1_704_063_600_000);
});

Deno.test("each malformed line is rejected with its reason", () => {
  const t = "[17/May/2015:10:05:03 +0000]";
  const cases: Array<[string, string]> = [
    ["", "access log: no 'client ident user [time]' prefix"],
    ["just some text", "access log: no 'client ident user [time]' prefix"],
    [
      `10.0.0.1 - - [17/Foo/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1`,
      "access log: bad time [17/Foo/2015:10:05:03 +0000]",
    ],
    [
      `10.0.0.1 - - [31/Feb/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1`,
      "access log: bad time [31/Feb/2015:10:05:03 +0000]",
    ],
    [`10.0.0.1 - - ${t} GET / HTTP/1.1 200 1`, "access log: no request line in quotes"],
    [`10.0.0.1 - - ${t} "GET / HTTP/1.1 200 1`, "access log: request line has no closing quote"],
    [
      `10.0.0.1 - - ${t} "GET / HTTP/1.1" OK 1`,
      "access log: no 3-digit status and byte count after the request",
    ],
    [
      `10.0.0.1 - - ${t} "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0`,
      "access log: user-agent has no closing quote",
    ],
    [
      `10.0.0.1 - - ${t} "GET / HTTP/1.1" 200 1 "http://x/`,
      "access log: referer has no closing quote",
    ],
    [
      `10.0.0.1 - - ${t} "GET / HTTP/1.1" 200 12x`,
      "access log: unexpected text after the byte count",
    ],
  ];
  for (const [line, reason] of cases) {
    assert.deepEqual(parseAccessLog(line), { ok: false, reason }, line);
  }
});

Deno.test("helpers: CLF time and request endpoint", () => {
  assert.equal(parseClfTime("17/May/2015:12:05:03 +0200"), 1_431_857_103_000);
  assert.equal(parseClfTime("17/May/2015:10:05:03"), null);
  assert.equal(requestEndpoint("GET http://example.com/x?y HTTP/1.0"), "/x");
  assert.equal(requestEndpoint("CONNECT example.com:443 HTTP/1.1"), "example.com:443");
  assert.equal(requestEndpoint("GET https://example.com HTTP/1.1"), "/");
  assert.equal(requestEndpoint("\\x16\\x03\\x01"), null);
});

Deno.test("apache_access_semicomplete: 9,999 of 10,000 lines parse; line 8899 is malformed", () => {
  const lines = datasetLines("apache_access_semicomplete/apache_access.log");
  assert.equal(lines.length, 10_000);
  const { outcomes, rejects } = parseAll(lines, (line) => parseAccessLog(line));
  // Line 8899 is one of the 14 lines hand-repaired upstream in 2017 and the
  // repair left it truncated: the user agent opens a quote
  // ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)
  // and the line ends before the closing quote (and the ")"). The dataset
  // README says it is the only line failing a strict combined-format regex.
  assert.deepEqual(rejects, [{
    line: 8899,
    reason: "access log: user-agent has no closing quote",
  }]);
  // The status histogram documented in the dataset's SOURCE.md, over the
  // accepted lines plus the rejected line (a 200).
  const byStatus = new Map<string, number>([["200", 1]]);
  const byLevel = new Map<string, number>();
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const status = outcome.fields.message.slice(-3);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    const level = outcome.fields.level ?? "";
    byLevel.set(level, (byLevel.get(level) ?? 0) + 1);
    assert.ok(outcome.fields.endpoint !== null, outcome.fields.message);
    assert.ok(outcome.fields.tsEpochMs !== undefined);
  }
  assert.deepEqual(Object.fromEntries(byStatus), {
    "200": 9126,
    "304": 445,
    "404": 213,
    "301": 164,
    "206": 45,
    "500": 3,
    "416": 2,
    "403": 2,
  });
  assert.deepEqual(Object.fromEntries(byLevel), { INFO: 9779, WARN: 217, ERROR: 3 });
  // First line, hand-checked against the file.
  assert.deepEqual(outcomes[0], {
    ok: true,
    fields: {
      ts: "17/May/2015:10:05:03 +0000",
      tsEpochMs: 1_431_857_103_000,
      level: "INFO",
      service: null,
      ip: "83.149.9.216",
      endpoint: "/presentations/logstash-monitorama-2013/images/kibana-search.png",
      message: "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1 200",
    },
  });
});
