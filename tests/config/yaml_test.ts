/**
 * The YAML dialect of the config and format files: YAML 1.2's core schema,
 * as npm:yaml parsed them before (dates, `yes` and `1_000` stay strings).
 */

import assert from "node:assert/strict";
import { parseYaml } from "../../lib/config/yaml.ts";

Deno.test("yaml: core-schema scalars", () => {
  assert.deepEqual(
    parseYaml(
      "a: yes\nb: 2024-01-01\nc: 1_000\nd: 0o17\ne: 0x1f\nf: ~\ng: true\nh: 1.5e3\ni: .inf\nj: '07'\n",
    ),
    {
      a: "yes",
      b: "2024-01-01",
      c: "1_000",
      d: 15,
      e: 31,
      f: null,
      g: true,
      h: 1500,
      i: Infinity,
      j: "07",
    },
  );
});

Deno.test("yaml: `<<` is a plain key and `__proto__` an own key (no merge, no prototype change)", () => {
  const doc = parseYaml("base: &b {x: 1}\n<<: *b\n__proto__: {polluted: 1}\n") as Record<
    string,
    unknown
  >;
  assert.deepEqual(Object.keys(doc), ["base", "<<", "__proto__"]);
  assert.deepEqual(doc["<<"], { x: 1 });
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("yaml: errors carry line and column", () => {
  assert.throws(() => parseYaml("a: 1\nb: 2\na: 3\n"), /duplicated mapping key \(3:1\)/);
  assert.throws(() => parseYaml("a: b: c\n"), /\(1:5\)/);
});
