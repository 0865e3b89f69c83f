/**
 * Config loading: the shipped config/config.yaml is exactly the defaults;
 * every kind of bad value names its key path; unreadable, empty and non-YAML
 * files are refused with the reason.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, loadConfig, parseConfig, resolveWorkers } from "../../lib/config/load.ts";
import { DEFAULT_CONFIG } from "../../lib/config/schema.ts";
import { ROOT } from "../tasks/run_task.ts";

function problemsOf(document: unknown): string {
  try {
    parseConfig(document, "test.yaml");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail("expected a ConfigError");
}

Deno.test("the shipped config.yaml equals the built-in defaults, key for key", async () => {
  assert.deepEqual(await loadConfig(join(ROOT, "config", "config.yaml")), DEFAULT_CONFIG);
});

Deno.test("defaults fill what a config leaves out", () => {
  const config = parseConfig({ alerts: { error_count_threshold: 7 } }, "x");
  assert.equal(config.alerts.error_count_threshold, 7);
  assert.equal(config.alerts.error_rate_threshold, 0.1);
  assert.equal(config.alerts.critical_error_threshold, 5);
  assert.deepEqual(config.input.paths, ["data/raw_logs"]);
  assert.equal(config.input.timezone, "UTC");
  assert.deepEqual(config.analytics.error_levels, ["ERROR", "CRITICAL"]);
  assert.equal(config.engine.partition_mb, 32);
  assert.equal(config.dashboard.refresh_seconds, 5);
});

Deno.test("wrong types, unknown keys and bad values name their key paths", () => {
  const message = problemsOf({
    input: { pathz: ["x"], timezone: "Mars/Olympus", default_year: "2024" },
    engine: { workers: -1 },
    analytics: { top_n: 0, error_types: [{ name: "Bad", pattern: "(unclosed" }] },
    alerts: { error_rate_threshold: "high" },
    dashbord: {},
  });
  for (
    const fragment of [
      'input.pathz: unknown key (did you mean "paths"?)',
      "input.timezone:",
      "input.default_year:",
      "engine.workers:",
      "analytics.top_n:",
      "analytics.error_types.0.pattern:",
      "alerts.error_rate_threshold:",
      'dashbord: unknown key (did you mean "dashboard"?)',
    ]
  ) assert.ok(message.includes(fragment), `missing "${fragment}" in:\n${message}`);
});

Deno.test("unreadable, empty, non-YAML and non-mapping files are refused with the reason", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-config-" });
  try {
    const cases: [string, string | null, RegExp][] = [
      ["missing.yaml", null, /cannot read config .*missing\.yaml: not found/],
      ["empty.yaml", "  \n", /is empty/],
      ["broken.yaml", "input: [unclosed\n", /is not valid YAML/],
      [
        "duplicate.yaml",
        "engine:\n  workers: 1\nengine:\n  workers: 2\n",
        /duplicate\.yaml is not valid YAML: duplicated mapping key \(3:1\)/,
      ],
      ["list.yaml", "- a\n- b\n", /top level must be a mapping/],
    ];
    for (const [name, text, pattern] of cases) {
      const path = join(dir, name);
      if (text !== null) await Deno.writeTextFile(path, text);
      await assert.rejects(
        () => loadConfig(path),
        (e: Error) => e instanceof ConfigError && pattern.test(e.message),
      );
    }
    await assert.rejects(() => loadConfig(dir), /is a directory/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("workers: 0 means one per core, any other value is taken as given", () => {
  assert.equal(resolveWorkers(parseConfig({ engine: { workers: 3 } }, "x")), 3);
  assert.equal(
    resolveWorkers(parseConfig({ engine: { workers: 0 } }, "x")),
    Math.max(1, navigator.hardwareConcurrency || 1),
  );
});
