/**
 * The 16 Loghub 2k samples parsed with their `config/formats/<Name>.yaml`
 * pattern: zero rejects, and the `message` group equal to the ground-truth
 * `Content` column of `<Name>_2k.log_structured.csv` for at least 99% of the
 * lines (today: all of them). The timestamp text, level and service are also
 * compared with the columns they correspond to.
 */

import assert from "node:assert/strict";
import { parse as parseCsv } from "csv-parse/sync";
import type { LineFields } from "../../lib/formats/mod.ts";
import { compileLineFormat, lineFormatFromDocument } from "../../lib/formats/spec.ts";
import { createZone } from "../../lib/time/zone.ts";
import { parseYaml } from "../../lib/config/yaml.ts";
import { DATASETS, FORMAT_CONFIGS, parseAll, readLines } from "./datasets.ts";

type Row = Record<string, string>;

interface Expectation {
  /** The ts text the config should assemble, from the ground-truth columns. */
  ts: (row: Row) => string;
  /** The column holding the level, where the config captures one. */
  level?: string;
  /** The service the config should capture, from the ground-truth columns. */
  service: (row: Row) => string | null;
}

const component = (row: Row) => row.Component;
const dateTime = (row: Row) => `${row.Date} ${row.Time}`;

const EXPECTED: Record<string, Expectation> = {
  Android: { ts: dateTime, level: "Level", service: component },
  Apache: { ts: (r) => r.Time, level: "Level", service: () => null },
  BGL: { ts: (r) => r.Time, level: "Level", service: component },
  HDFS: { ts: dateTime, level: "Level", service: component },
  HPC: { ts: (r) => r.Time, service: component },
  Hadoop: { ts: dateTime, level: "Level", service: component },
  HealthApp: { ts: (r) => r.Time, service: component },
  Linux: { ts: (r) => `${r.Month} ${r.Date} ${r.Time}`, service: component },
  Mac: { ts: (r) => `${r.Month} ${r.Date} ${r.Time}`, service: component },
  // logparser names the month "Date", the day "Day" and the host "Component".
  OpenSSH: { ts: (r) => `${r.Date} ${r.Day} ${r.Time}`, service: () => "sshd" },
  OpenStack: { ts: dateTime, level: "Level", service: component },
  Proxifier: { ts: (r) => r.Time, service: (r) => r.Program },
  Spark: { ts: dateTime, level: "Level", service: component },
  Thunderbird: { ts: dateTime, service: component },
  Windows: { ts: dateTime, level: "Level", service: component },
  // logparser splits "[thread:Component@line]" at the first ":", so its
  // Component keeps the thread's tail ("0:0:0:0:0:0:0:2181:FastLeaderElection");
  // the config takes the last part, the class name.
  Zookeeper: { ts: dateTime, level: "Level", service: (r) => r.Component.split(":").at(-1) ?? "" },
};

const NAMES = Object.keys(EXPECTED);
const MIN_SHARE = 0.99;

Deno.test("config/formats holds one YAML file per Loghub dataset", () => {
  const files = [...Deno.readDirSync(FORMAT_CONFIGS)].map((e) => e.name).sort();
  assert.deepEqual(files, NAMES.map((n) => `${n}.yaml`).sort());
  for (const name of NAMES) {
    const text = Deno.readTextFileSync(new URL(`${name}.yaml`, FORMAT_CONFIGS));
    assert.ok(
      text.startsWith(`# Loghub ${name} (see ../shared/datasets/loghub_2k/${name})\n`),
      `${name}.yaml header comment`,
    );
  }
});

function fieldsOf(outcome: { ok: true; fields: LineFields } | { ok: false; reason: string }) {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.fields;
}

for (const name of NAMES) {
  Deno.test(`Loghub ${name}: every line parses, message = Content for >= 99%`, () => {
    const source = `config/formats/${name}.yaml`;
    const doc = parseYaml(Deno.readTextFileSync(new URL(`${name}.yaml`, FORMAT_CONFIGS)));
    const spec = lineFormatFromDocument(doc, source);
    assert.equal(spec.config.format, "pattern");
    const format = compileLineFormat(spec);
    const parse = format.parse;
    const time = { zone: createZone("UTC"), defaultYear: 2024 };

    const dir = new URL(`loghub_2k/${name}/`, DATASETS);
    const lines = readLines(new URL(`${name}_2k.log`, dir));
    assert.equal(lines.length, 2000);
    const rows = parseCsv(Deno.readTextFileSync(new URL(`${name}_2k.log_structured.csv`, dir)), {
      columns: true,
    }) as Row[];
    assert.equal(rows.length, lines.length);

    const { outcomes, rejects } = parseAll(lines, parse);
    assert.deepEqual(rejects, [], `${name}: rejected lines`);

    const expect = EXPECTED[name];
    const mismatches: Record<string, string[]> = { message: [], ts: [], level: [], service: [] };
    outcomes.forEach((outcome, i) => {
      const f = fieldsOf(outcome);
      const row = rows[i];
      assert.equal(Number(row.LineId), i + 1);
      const check = (what: string, got: string | null, want: string | null) => {
        if (got !== want) {
          mismatches[what].push(`line ${i + 1}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        }
      };
      check("message", f.message, row.Content);
      const ts = f.tsEpochMs ??
        (f.ts === null || format.time === null ? NaN : format.time(f.ts, time));
      assert.ok(!Number.isNaN(ts), `${name} line ${i + 1}: timestamp ${f.ts} does not parse`);
      check("ts", f.ts, expect.ts(row));
      if (expect.level !== undefined) check("level", f.level, row[expect.level]);
      check("service", f.service, expect.service(row));
    });
    for (const [what, list] of Object.entries(mismatches)) {
      if (list.length > 0) {
        console.log(
          `${name}: ${list.length} ${what} mismatch(es), first: ${list.slice(0, 3).join("; ")}`,
        );
      }
      const share = 1 - list.length / lines.length;
      assert.ok(share >= MIN_SHARE, `${name}: ${what} matches only ${(share * 100).toFixed(2)}%`);
    }
  });
}
