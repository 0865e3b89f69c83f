/**
 * Line formats keep the foundation's invariants on random input: cut at any
 * offsets, a JSON-lines or syslog file gives the same counts, rejections and
 * aggregate as scanned whole; every record is accepted or rejected; random
 * lines (valid, garbage, blank, CRLF, over max_record_bytes, invalid UTF-8)
 * never throw.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import type { ScanSettings } from "../../lib/engine/partition_scan.ts";
import type { LineFormatSpec } from "../../lib/formats/spec.ts";
import { NO_COLUMNS } from "../../lib/input/columns.ts";
import type { InputFile } from "../../lib/input/manifest.ts";
import { Level } from "../../lib/model/level.ts";
import { createZone } from "../../lib/time/zone.ts";
import { scanWithCuts } from "./partition_cuts.ts";

const settings: ScanSettings = {
  timezone: "UTC",
  maxRecordBytes: 200,
  errorLevels: [Level.ERROR, Level.CRITICAL],
  rules: [],
};
const time = { zone: createZone("UTC"), defaultYear: 2024 };
const dir = await Deno.makeTempDir({ prefix: "logpulse-line-property-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
let fileCount = 0;

const FORMATS: Record<string, LineFormatSpec> = {
  jsonl: { config: { format: "jsonl", fields: {} }, timestampFormat: null, levels: {} },
  syslog: { config: { format: "syslog" }, timestampFormat: null, levels: {} },
};

async function inputFile(bytes: Uint8Array, format: LineFormatSpec): Promise<InputFile> {
  const path = join(dir, `f${fileCount++}.log`);
  await Deno.writeFile(path, bytes);
  return {
    path,
    name: path,
    gzip: false,
    size: bytes.length,
    mtimeMs: 0,
    dev: null,
    ino: null,
    defaultYear: 2024,
    format,
    header: [],
    columns: NO_COLUMNS,
    dataStart: 0,
    headerNewlines: 0,
  };
}

const encoder = new TextEncoder();
const level = fc.constantFrom("info", "ERROR", "warn", "critical", "debug");
const word = fc.constantFrom("disk", "failed", "user", "42", "10.0.0.1", "é", "timeout", "");
const message = fc.array(word, { maxLength: 6 }).map((words) => words.join(" "));
const jsonLine = fc.record({
  ts: fc.integer({ min: 1_700_000_000, max: 1_700_100_000 }),
  level,
  msg: message,
}).map((o) => JSON.stringify(o));
const syslogLine = fc.tuple(
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 0, max: 23 }),
  fc.constantFrom("sshd[12]", "cron", "app"),
  message,
).map(([d, h, app, msg]) =>
  `Mar ${String(d).padStart(2, " ")} ${String(h).padStart(2, "0")}:00:00 host ${app}: ${msg}`
);
const noise = fc.oneof(
  fc.constant(""),
  fc.constant("   "),
  fc.string({ maxLength: 30 }).map((s) => s.replaceAll("\n", " ")),
  fc.constant("x".repeat(300)), // over max_record_bytes
  fc.constant('{"ts": 1, "msg": "unterminated'),
);
const lineEnd = fc.constantFrom("\n", "\r\n");

function fileArb(line: fc.Arbitrary<string>) {
  return fc.tuple(
    fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: line }, noise), lineEnd), {
      maxLength: 40,
    }),
    fc.boolean(), // a final line feed
    fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 8 }),
  );
}

for (const [name, line] of [["jsonl", jsonLine], ["syslog", syslogLine]] as const) {
  Deno.test(`line format ${name}: any partition cuts give the same result`, async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(line), async ([lines, finalLf, cuts]) => {
        let text = lines.map(([l, end]) => l + end).join("");
        if (!finalLf && text.endsWith("\n")) text = text.replace(/\r?\n$/, "");
        const bytes = encoder.encode(text);
        // A stray invalid byte sequence in the middle must be survivable too.
        const mutated = bytes.length > 10 ? bytes.with(Math.floor(bytes.length / 2), 0xff) : bytes;
        for (const content of [bytes, mutated]) {
          const file = await inputFile(content, FORMATS[name]);
          const whole = await scanWithCuts(file, [], settings, time);
          // Independent count: every line feed ends a line, and so does the end of the file.
          const feeds = content.filter((b) => b === 10).length;
          const lineCount = feeds + (content.length > 0 && content.at(-1) !== 10 ? 1 : 0);
          assert.equal(
            whole.counts.records + whole.counts.blankLines,
            lineCount,
            "every line counted",
          );
          const cut = await scanWithCuts(
            file,
            cuts.map((c) => c % (content.length + 1)),
            settings,
            time,
          );
          assert.deepEqual(cut, whole);
        }
      }),
      { numRuns: 150 },
    );
  });
}
