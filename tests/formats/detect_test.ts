/**
 * Tests for lib/formats/detect.ts on the real datasets (first 20 lines) and on
 * hand-written fixtures, including the CSV layouts logpulse reads today.
 */

import assert from "node:assert/strict";
import { detectFormat } from "../../lib/formats/mod.ts";
import { datasetLines } from "./datasets.ts";

function head(path: string, n = 20): string[] {
  return datasetLines(path).slice(0, n);
}

Deno.test("apache access log is access", () => {
  assert.deepEqual(detectFormat(head("apache_access_semicomplete/apache_access.log")), {
    format: "access",
    confidence: 1,
  });
});

Deno.test("auth.log is syslog3164", () => {
  assert.deepEqual(detectFormat(head("syslog_auth_ec2/auth.log")), {
    format: "syslog3164",
    confidence: 1,
  });
});

Deno.test("zeek JSON files are jsonl", () => {
  for (const file of ["syslog", "notice", "ssh"]) {
    assert.deepEqual(detectFormat(head(`zeek_json_wrccdc2018/${file}.json`)), {
      format: "jsonl",
      confidence: 1,
    }, file);
  }
});

Deno.test("logfmt fixture is logfmt", () => {
  const lines = [
    'time=2024-01-15T10:00:00Z level=info msg="server started" port=8080',
    'time=2024-01-15T10:00:01Z level=warn msg="slow request" path=/api/x duration=1.2s',
    "",
    'time=2024-01-15T10:00:02Z level=error msg="db down" err="dial tcp: refused"',
  ];
  assert.deepEqual(detectFormat(lines), { format: "logfmt", confidence: 1 });
});

Deno.test("CSV fixtures with a timestamp column are csv", () => {
  // The layout of data/raw_logs/app-2024-01-15.csv.
  const plain = [
    "timestamp,log_level,message,ip,service,endpoint",
    "2024-01-15 00:00:13,INFO,Order 50155 created,192.168.3.136,search-service,/api/products",
    "2024-01-15 00:01:01,INFO,User carol logged in,192.168.3.80,auth-service,/api/payments",
  ];
  assert.deepEqual(detectFormat(plain), { format: "csv", confidence: 1 });
  // BOM, other column names, CRLF, and a quoted field with a line break.
  const tricky = [
    "\uFEFFTime,Severity,msg,client_ip,service_name,path\r",
    '2024-01-16 00:00:36.368,INFO,"User carol logged in\r',
    'Stack trace line 9, caused by ""upstream""",192.168.1.121,search-service,/api/search\r',
    "2024-01-16 00:01:00.000,ERROR,boom,10.0.0.1,api,/x\r",
  ];
  assert.equal(detectFormat(tricky).format, "csv");
  // A header alone is enough when it names a timestamp column.
  assert.deepEqual(detectFormat(["ts,level,message"]), { format: "csv", confidence: 1 });
});

Deno.test("RFC 5424 lines are syslog5424", () => {
  const lines = [
    "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed",
    '<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 [ex@32473 iut="3"] event',
  ];
  assert.deepEqual(detectFormat(lines), { format: "syslog5424", confidence: 1 });
});

Deno.test("majority vote: one odd line does not flip the verdict", () => {
  const lines = head("syslog_auth_ec2/auth.log", 9);
  lines.splice(3, 0, "--- log rotated ---");
  assert.deepEqual(detectFormat(lines), { format: "syslog3164", confidence: 0.9 });
});

Deno.test("unrecognised or empty input is unknown", () => {
  assert.deepEqual(detectFormat([]), { format: "unknown", confidence: 0 });
  assert.deepEqual(detectFormat(["", "  "]), { format: "unknown", confidence: 0 });
  // HDFS and Hadoop lines match none of the fixed formats (they need a
  // pattern config); Hadoop's "18:01:47,978" commas must not pass for CSV.
  assert.equal(detectFormat(head("loghub_2k/HDFS/HDFS_2k.log")).format, "unknown");
  assert.equal(detectFormat(head("loghub_2k/Hadoop/Hadoop_2k.log")).format, "unknown");
  // A header-looking line without a timestamp column and no rows is no CSV.
  assert.equal(detectFormat(["name,age"]).format, "unknown");
});

Deno.test("Loghub's BSD-syslog-shaped logs are syslog3164", () => {
  for (const name of ["Linux", "Mac", "OpenSSH"]) {
    assert.equal(detectFormat(head(`loghub_2k/${name}/${name}_2k.log`)).format, "syslog3164", name);
  }
});

Deno.test("only the first 20 non-blank lines are used", () => {
  const json = Array.from({ length: 20 }, (_, i) => `{"n":${i}}`);
  const rest = Array.from({ length: 100 }, () => "plain text");
  assert.deepEqual(detectFormat([...json, ...rest]), { format: "jsonl", confidence: 1 });
});
