/**
 * Choosing formats: rules first (inline or included, file-name or path
 * globs), `*.csv` by name, detection otherwise; an unrecognisable file is
 * refused with the reason, and a bad rule is a config error naming it.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/load.ts";
import { chooseFormat, resolveFormatRules } from "../../lib/input/format_rules.ts";

Deno.test("format rules: inline and included rules, name and path globs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-formats-" });
  try {
    const included = join(dir, "app.yaml");
    await Deno.writeTextFile(
      included,
      "format: pattern\npattern: '^(?<ts>\\S+) (?<message>.*)$'\ntimestamp_format: '%s'\n",
    );
    const rules = await resolveFormatRules([
      { match: "*.app", include: included },
      { match: "logs/**/*.txt", format: "logfmt" },
      { match: "forced.log", format: "csv" },
    ]);
    const app = await chooseFormat("/x/a.app", "a.app", false, rules);
    assert.ok("spec" in app && app.spec?.config.format === "pattern");
    assert.ok("spec" in app && app.spec?.timestampFormat === "%s");
    const txt = await chooseFormat("/w/logs/a/b.txt", "logs/a/b.txt", false, rules);
    assert.ok("spec" in txt && txt.spec?.config.format === "logfmt");
    const forced = await chooseFormat("/w/forced.log", "forced.log", false, rules);
    assert.deepEqual(forced, { spec: null, how: 'input.formats rule "forced.log"' });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("format rules: detection from first lines; *.csv by name; unknown is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-detect-" });
  try {
    const write = async (name: string, text: string) => {
      await Deno.writeTextFile(join(dir, name), text);
      return join(dir, name);
    };
    const choose = async (name: string, text: string) =>
      await chooseFormat(await write(name, text), name, false, []);
    const json = await choose("a.log", '{"ts":1,"level":"info","msg":"a"}\n{"ts":2,"msg":"b"}\n');
    assert.ok("spec" in json && json.spec?.config.format === "jsonl");
    const syslog = await choose(
      "b.log",
      "Mar  1 06:25:01 web1 CRON[4711]: (root) CMD (run-parts)\nMar  1 06:25:02 web1 sshd[1]: x\n",
    );
    assert.ok("spec" in syslog && syslog.spec?.config.format === "syslog");
    const access = await choose(
      "c.log",
      '1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 200 10 "-" "ua"\n',
    );
    assert.ok("spec" in access && access.spec?.config.format === "access");
    const csv = await choose("d.csv", "anything at all\n");
    assert.deepEqual(csv, { spec: null, how: "name" });
    const unknown = await choose("e.log", "!!! 42\n??? 43\n");
    assert.ok("problem" in unknown && /format not recognised/.test(unknown.problem));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("format rules: a bad rule is a config error naming it", async () => {
  await assert.rejects(
    () => resolveFormatRules([{ match: "*.x", format: "xml" }]),
    (error: Error) =>
      error instanceof ConfigError && /input\.formats\[0\]: format must be/.test(error.message),
  );
  await assert.rejects(
    () => resolveFormatRules([{ match: "*.x", format: "pattern", pattern: "(" }]),
    (error: Error) => error instanceof ConfigError && /input\.formats\[0\]/.test(error.message),
  );
  await assert.rejects(
    () => resolveFormatRules([{ match: "*.x", include: "/nonexistent/f.yaml" }]),
    /input\.formats\[0\]\.include: cannot read \/nonexistent\/f\.yaml/,
  );
  await assert.rejects(
    () => resolveFormatRules([{ match: "*.x", format: "access", timestamp_format: "%Q" }]),
    /timestamp_format: .*unknown directive %Q/,
  );
});
