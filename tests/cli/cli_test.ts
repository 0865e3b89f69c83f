/**
 * The CLI layer: flags (unknown ones get a did-you-mean), help text, control
 * characters escaped for the console, and errors mapped to exit codes.
 */

import assert from "node:assert/strict";
import { formatHelp, parseCommandArgs } from "../../lib/cli/args.ts";
import type { CommandSpec } from "../../lib/cli/args.ts";
import {
  exitCodeOf,
  MissingInputError,
  NoInputError,
  RunLockedError,
  UsageError,
} from "../../lib/cli/exit.ts";
import { escapeControl } from "../../lib/cli/sanitize.ts";
import { closestName } from "../../lib/cli/suggest.ts";

const spec: CommandSpec = {
  name: "gen",
  summary: "Generate logs.",
  flags: {
    rows: { type: "string", placeholder: "N", description: "rows to write" },
    mixed: { type: "boolean", description: "every format" },
  },
};

Deno.test("flags parse; --config defaults to config/config.yaml", () => {
  assert.deepEqual(parseCommandArgs(spec, ["--rows", "5", "--mixed"]), {
    help: false,
    config: "config/config.yaml",
    values: { rows: "5", mixed: true },
  });
  assert.equal(parseCommandArgs(spec, ["--config", "x.yaml"]).config, "x.yaml");
  assert.equal(parseCommandArgs(spec, ["-h"]).help, true);
});

Deno.test("an unknown flag is a usage error with a did-you-mean", () => {
  assert.throws(
    () => parseCommandArgs(spec, ["--rowz", "5"]),
    (e: Error) =>
      e instanceof UsageError && /--rowz/.test(e.message) &&
      /did you mean --rows\?/.test(e.message),
  );
  assert.throws(() => parseCommandArgs(spec, ["stray"]), UsageError);
});

Deno.test("help lists every flag with its placeholder", () => {
  const help = formatHelp(spec);
  assert.match(help, /^Usage: deno task gen \[options\]/);
  assert.match(help, /--rows N\s+rows to write/);
  assert.match(help, /--mixed\s+every format/);
  assert.match(help, /--config PATH\s+config file \(default config\/config\.yaml\)/);
});

Deno.test("closestName suggests only near names", () => {
  assert.equal(closestName("pathz", ["paths", "timezone"]), "paths");
  assert.equal(closestName("workrs", ["workers", "partition_mb"]), "workers");
  assert.equal(closestName("zzzzzz", ["paths", "timezone"]), undefined);
});

Deno.test("escapeControl makes every control character visible and inert", () => {
  assert.equal(escapeControl("a\u001b[31mred\nb"), "a\\e[31mred\\nb");
  const escaped = escapeControl("t\tr\rn\nbel\u0007 c1\u009b del\u007f ok é 😀");
  const controls = [...escaped].filter((c) =>
    c.charCodeAt(0) < 0x20 || (c >= "\u007f" && c <= "\u009f")
  );
  assert.deepEqual(controls, [], escaped);
  assert.ok(escaped.endsWith("ok é 😀"), "printable text is untouched");
});

Deno.test("errors map to exit codes", () => {
  assert.equal(exitCodeOf(new UsageError("x")), 2);
  assert.equal(exitCodeOf(new MissingInputError("x")), 2);
  assert.equal(exitCodeOf(new NoInputError("x")), 3);
  assert.equal(exitCodeOf(new RunLockedError("x")), 4);
  assert.equal(exitCodeOf(new Error("bug")), 1);
});
