/**
 * Tests for lib/formats/syslog.ts: RFC 3164 and RFC 5424 lines with
 * hand-computed fields, PRI severities, reject reasons, and the real EC2
 * auth.log (7,121 lines).
 */

import assert from "node:assert/strict";
import { type ParseOutcome, parseSyslog, severityLevel } from "../../lib/formats/mod.ts";
import { datasetLines, parseAll } from "./datasets.ts";

function fieldsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.reason}`);
  return outcome.fields;
}

Deno.test("RFC 3164 with a space-padded day, pid, and defaultYear", () => {
  const line =
    "Apr  1 00:17:01 ip-10-77-20-248 CRON[21337]: pam_unix(cron:session): session opened for user root by (uid=0)";
  assert.deepEqual(fieldsOf(parseSyslog(line, { defaultYear: 2017 })), {
    ts: "Apr  1 00:17:01",
    // 2017-04-01 is day 17,257 (17,167 to 2017-01-01, +90): 1,491,004,800 s, +1,021 s.
    tsEpochMs: 1_491_005_821_000,
    level: "INFO",
    service: "CRON",
    ip: null,
    endpoint: null,
    message: "pam_unix(cron:session): session opened for user root by (uid=0)",
  });
});

Deno.test("RFC 3164 without [pid]; padding after the tag is not message text", () => {
  const line =
    "Mar 27 13:09:37 ip-10-77-20-248 sudo:   ubuntu : TTY=pts/0 ; USER=root ; COMMAND=/bin/ls";
  const f = fieldsOf(parseSyslog(line));
  assert.equal(f.service, "sudo");
  assert.equal(f.message, "ubuntu : TTY=pts/0 ; USER=root ; COMMAND=/bin/ls");
  assert.equal(f.ts, "Mar 27 13:09:37");
  // No defaultYear: the instant is unknown, so tsEpochMs is absent, not guessed.
  assert.equal("tsEpochMs" in f, false);
});

Deno.test("RFC 3164 level: PRI severity when present, keywords otherwise", () => {
  // <13> = facility 1 (user) * 8 + severity 5 (notice) -> INFO.
  const withPri = fieldsOf(parseSyslog("<13>Feb  5 17:32:18 10.0.0.99 myapp: Use the BFG!"));
  assert.equal(withPri.level, "INFO");
  assert.equal(withPri.service, "myapp");
  // <11> = severity 3 -> ERROR even without an error keyword.
  assert.equal(fieldsOf(parseSyslog("<11>Feb  5 17:32:18 h app: all good")).level, "ERROR");
  const noPri =
    "Mar 28 17:25:23 h sshd[29302]: fatal: Unable to negotiate with 116.7.243.198 port 21303";
  assert.equal(fieldsOf(parseSyslog(noPri)).level, "CRITICAL");
  assert.equal(
    fieldsOf(parseSyslog("Mar 28 17:25:23 h sshd[1]: Failed password for root")).level,
    "ERROR",
  );
  assert.equal(
    fieldsOf(parseSyslog("Mar 28 17:25:23 h sshd[1]: Accepted publickey")).level,
    "INFO",
  );
});

Deno.test("RFC 3164: a utcOffsetMinutes zone shifts the instant", () => {
  // 2024-01-15 is day 19,737; 10:00 at +01:00 is 09:00 UTC: 1,705,276,800 s + 32,400 s.
  const f = fieldsOf(
    parseSyslog("Jan 15 10:00:00 h app: x", { defaultYear: 2024, utcOffsetMinutes: 60 }),
  );
  assert.equal(f.tsEpochMs, 1_705_309_200_000);
});

Deno.test("RFC 3164 line without a tag keeps the text as message", () => {
  const f = fieldsOf(parseSyslog("Mar 28 17:25:23 h last message repeated 3 times"));
  // "last" is no tag: a tag ends with ":" (after an optional [pid]).
  assert.equal(f.service, null);
  assert.equal(f.message, "last message repeated 3 times");
});

Deno.test("RFC 5424 example from the RFC, with structured data", () => {
  const line = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 " +
    '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] ' +
    "\uFEFFAn application event log entry...";
  assert.deepEqual(fieldsOf(parseSyslog(line)), {
    ts: "2003-10-11T22:14:15.003Z",
    // 2003-10-11 is day 12,336 (12,053 to 2003-01-01, +273 to Oct 1, +10):
    // 1,065,830,400 s, +80,055 s, +3 ms.
    tsEpochMs: 1_065_910_455_003,
    // <165> = facility 20 (local4) * 8 + severity 5 (notice).
    level: "INFO",
    service: "evntslog",
    ip: null,
    endpoint: null,
    // The BOM marks UTF-8 and is dropped.
    message: "An application event log entry...",
  });
});

Deno.test("RFC 5424 with an offset, microseconds, nil SD and escaped SD values", () => {
  const a = fieldsOf(
    parseSyslog("<34>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time"),
  );
  // 05:14:15 at -07:00 is 12:14:15 UTC on 2003-08-24 (day 12,288): 1,061,683,200 + 44,055 s.
  assert.equal(a.tsEpochMs, 1_061_727_255_000);
  assert.equal(a.level, "CRITICAL"); // severity 34 & 7 = 2
  assert.equal(a.service, "myproc");
  assert.equal(a.message, "%% It's time");
  const b = fieldsOf(
    parseSyslog('<14>1 - host - - - [a@1 k="x\\"]y"][b@1 z="2"] msg after sd'),
  );
  assert.equal(b.ts, null);
  assert.equal(b.service, null);
  assert.equal(b.message, "msg after sd");
  assert.equal(fieldsOf(parseSyslog("<15>1 - - app - - -")).message, "");
  assert.equal(fieldsOf(parseSyslog("<15>1 - - app - - -")).level, "DEBUG");
});

Deno.test("severity levels", () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7].map(severityLevel),
    ["CRITICAL", "CRITICAL", "CRITICAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"],
  );
});

Deno.test("malformed lines are rejected with their reason", () => {
  const cases: Array<[string, string]> = [
    ["hello world", "syslog: no RFC 3164 'Mmm dd hh:mm:ss host' header"],
    ["", "syslog: no RFC 3164 'Mmm dd hh:mm:ss host' header"],
    ["Foo  1 00:00:00 h app: x", 'syslog: unknown month "Foo"'],
    ["<999>Mar  1 00:00:00 h app: x", "syslog: PRI above 191"],
    [
      "<34>1 2003-10-11 host app - - - msg",
      'syslog: RFC 5424 timestamp "2003-10-11" is not RFC 3339',
    ],
    [
      '<34>1 2003-10-11T22:14:15Z host app - - [x a="1" msg',
      "syslog: RFC 5424 structured data element is never closed",
    ],
    [
      "<34>1 2003-10-11T22:14:15Z host app - - oops msg",
      "syslog: RFC 5424 structured data must be '-' or start with '['",
    ],
    [
      "<34>1 2003-10-11T22:14:15Z host app",
      "syslog: RFC 5424 header needs VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD",
    ],
  ];
  for (const [line, reason] of cases) {
    assert.deepEqual(parseSyslog(line), { ok: false, reason }, line);
  }
  assert.deepEqual(parseSyslog("Feb 30 00:00:00 h app: x", { defaultYear: 2017 }), {
    ok: false,
    reason: 'syslog: impossible date "Feb 30 00:00:00" in 2017',
  });
  assert.equal(parseSyslog("Mar  1 06:25:01 h app: x", { variant: "5424" }).ok, false);
});

Deno.test("syslog_auth_ec2/auth.log: all 7,121 lines parse", () => {
  const lines = datasetLines("syslog_auth_ec2/auth.log");
  assert.equal(lines.length, 7121);
  const { outcomes, rejects } = parseAll(lines, (line) => parseSyslog(line, { defaultYear: 2017 }));
  assert.deepEqual(rejects, []);
  const services = new Map<string, number>();
  const levels = new Map<string, number>();
  for (const outcome of outcomes) {
    const f = fieldsOf(outcome);
    services.set(f.service ?? "", (services.get(f.service ?? "") ?? 0) + 1);
    levels.set(f.level ?? "", (levels.get(f.level ?? "") ?? 0) + 1);
    assert.ok(f.tsEpochMs !== undefined);
  }
  // The program counts documented in the dataset's SOURCE.md.
  assert.deepEqual(Object.fromEntries(services), {
    sshd: 4095,
    CRON: 1264,
    sudo: 557,
    "systemd-logind": 452,
    chpasswd: 417,
    systemd: 238,
    useradd: 50,
    su: 45,
    groupadd: 3,
  });
  // No PRI in the file, so levels are keyword-inferred. Cross-checked with
  // grep -icE '\b(error|exception|fail(ed|ure)?)\b' (1,279 lines) and the 4
  // "fatal: Unable to negotiate" sshd lines (881, 5434, 5606, 6913).
  assert.deepEqual(Object.fromEntries(levels), { INFO: 5838, ERROR: 1279, CRITICAL: 4 });
  assert.equal(fieldsOf(outcomes[880]).level, "CRITICAL");
  // Last line: Apr 20 14:14:29 2017 = day 17,276 -> 1,492,646,400 + 51,269 s.
  assert.deepEqual(fieldsOf(outcomes[7120]), {
    ts: "Apr 20 14:14:29",
    tsEpochMs: 1_492_697_669_000,
    level: "INFO",
    service: "systemd-logind",
    ip: null,
    endpoint: null,
    message: "New session 858 of user ubuntu.",
  });
});
