/**
 * Tests for lib/formats/config.ts: validating format config documents and
 * building line parsers from them.
 */

import assert from "node:assert/strict";
import { createLineParser, formatConfigFromDocument } from "../../lib/formats/mod.ts";
import { parseYaml } from "../../lib/config/yaml.ts";

Deno.test("the HDFS example from the brief loads from YAML and parses", () => {
  const yaml = [
    "# Loghub HDFS (see ../shared/datasets/loghub_2k/HDFS)",
    "format: pattern",
    String
      .raw`pattern: '^(?<date>\d{6}) (?<time>\d{6}) (?<pid>\d+) (?<level>\w+) (?<service>[^:]+): (?<message>.*)$'`,
    'timestamp: "{date} {time}"   # optional: how to assemble ts text from groups',
  ].join("\n");
  const config = formatConfigFromDocument(parseYaml(yaml), "inline");
  const parse = createLineParser(config);
  const out = parse("081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 done");
  assert.deepEqual(out, {
    ok: true,
    fields: {
      ts: "081109 203807",
      level: "INFO",
      service: "dfs.DataNode$PacketResponder",
      ip: null,
      endpoint: null,
      message: "PacketResponder 0 done",
    },
  });
});

Deno.test("every format builds a working parser", () => {
  const access = createLineParser(formatConfigFromDocument({ format: "access" }, "a"));
  assert.equal(access('1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1').ok, true);
  const syslog = createLineParser(
    formatConfigFromDocument({ format: "syslog", default_year: 2017 }, "s"),
  );
  const s = syslog("Mar 27 13:06:56 h sshd[1]: hi");
  assert.ok(s.ok && s.fields.tsEpochMs === 1_490_620_016_000);
  const jsonl = createLineParser(
    formatConfigFromDocument({ format: "jsonl", fields: { service: ["svc"] } }, "j"),
  );
  const j = jsonl('{"svc":"x","service":"y"}');
  assert.ok(j.ok && j.fields.service === "x");
  const logfmt = createLineParser(formatConfigFromDocument({ format: "logfmt" }, "l"));
  assert.equal(logfmt("a=1 b=2").ok, true);
});

Deno.test("invalid documents are refused with the source and key named", () => {
  const cases: Array<[unknown, RegExp]> = [
    [null, /^f\.yaml: expected a mapping/],
    [{ format: "xml" }, /^f\.yaml: format must be one of pattern, jsonl, logfmt, access, syslog$/],
    [{ format: "pattern" }, /^f\.yaml: pattern is required$/],
    [{ format: "pattern", pattern: 5 }, /^f\.yaml: pattern must be a string$/],
    [{ format: "pattern", pattern: "(?<a>" }, /^f\.yaml: pattern: invalid regular expression/],
    [{ format: "pattern", pattern: "(?<a>x)", timestamp: "{b}" }, /unknown group\(s\): b$/],
    [
      { format: "pattern", pattern: "(?<a>x)", timestmap: "{a}" },
      /^f\.yaml: timestmap: unknown key for format pattern$/,
    ],
    [{ format: "syslog", default_year: "2017" }, /^f\.yaml: default_year must be an integer$/],
    [{ format: "jsonl", fields: { host: ["h"] } }, /^f\.yaml: fields\.host: unknown field/],
    [
      { format: "jsonl", fields: { ip: "addr" } },
      /^f\.yaml: fields\.ip must be a list of strings$/,
    ],
  ];
  for (const [doc, message] of cases) {
    assert.throws(() => formatConfigFromDocument(doc, "f.yaml"), { message }, JSON.stringify(doc));
  }
});
