/**
 * The row kernel resolves records in WebAssembly; the JavaScript scanner and
 * fold are its reference. On generated CSV full of what real files hold
 * (padded and quoted fields, doubled quotes in keys, line feeds inside
 * quotes, CRLF, long keys, unknown levels, bad timestamps, wrong field
 * counts, blank lines, optional columns in any order), a partition scanned
 * with the kernel must give exactly what the JavaScript path gives: the
 * partial aggregate array for array, every count, and every rejection.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { FieldReader } from "../../lib/csv/field.ts";
import { ROW_INTS, RowSlot } from "../../lib/csv/row_kernel.ts";
import { ScanMemory } from "../../lib/csv/scan_memory.ts";
import { Level } from "../../lib/model/level.ts";
import { createZone } from "../../lib/time/zone.ts";
import { assertKernelMatches } from "./kernel_reference.ts";

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
const padded = (text: string) => fc.constantFrom(text, ` ${text}`, `${text} `, `\t${text} `);
/** A raw CSV field holding `text`: as is, padded, or quoted. */
const fieldOf = (text: string) => fc.oneof(padded(text), fc.constant(quoted(text)));

const token = fc.stringMatching(/^[a-z0-9./-]{0,12}$/);
const keyText = fc.oneof(
  fc.constantFrom("api", "db", "auth-service", "/health", "10.0.0.1", "192.168.1.74", ""),
  token,
  // 15 to 32 bytes: both of the kernel's 16-byte halves of a cached key.
  token.map((t) => `mid-length-key-${t}`),
  fc.constantFrom("exactly-16-bytes", "a-key-of-exactly-thirty-two-byte"),
  // Longer than the kernel's 32-byte cache keys: always resolved by the host.
  token.map((t) => `/api/v1/a-rather-long-endpoint-path/${t}`),
  fc.constantFrom('say "hi"', "a,b", "two\nlines"),
  // Hostile bytes: NUL, DEL, a lone continuation byte and a truncated sequence (written as latin1).
  fc.constantFrom("a\u0000b", "\u007f", "\u0080x", "ab\u00e2\u0082", "\u00ff\u00fe"),
);
const key = keyText.chain((text) =>
  /[",\n]/.test(text) ? fc.constant(quoted(text)) : fieldOf(text)
);
/** Timestamps of a few minutes told apart by seconds and fraction (the kernel's minute path). */
const sameMinute = fc.tuple(
  fc.constantFrom("2024-01-15 10:00:", "2024-01-15T10:00:", "2024/03/31 02:30:"),
  fc.oneof(
    fc.integer({ min: 0, max: 59 }).map((s) => String(s).padStart(2, "0")),
    fc.constantFrom("60", "99", "5x"),
  ),
  fc.oneof(
    fc.constant(""),
    fc.stringMatching(/^[0-9]{1,10}$/).map((d) => "." + d),
    fc.constantFrom(",5", ".12a"),
  ),
  fc.constantFrom("", "", "Z", "+02:00", "-0530", "Zx"),
).map((parts) => parts.join(""));
const timestamp = fc.oneof(
  sameMinute,
  sameMinute,
  fc.integer({ min: 0, max: 3 }).map((s) => `2024-01-15 10:00:0${s}`),
  fc.integer({ min: 0, max: 3 }).chain((s) => fieldOf(`2024-01-15T10:0${s}:00Z`)),
  fc.constantFrom("2024-01-15 10:00:00.250", "15/Jan/2024:10:00:00 +0000", "1705312800"),
  fc.constantFrom("not a time", "", '"2024-01-15 ""10"":00"'),
);
const level = fc.oneof(
  fc.constantFrom("INFO", "info", "Error", "ERR", "CRITICAL", "warn", "DEBUG", "x", ""),
  fc.constantFrom("EMERGENCY", "INFORMATION").chain(fieldOf),
  fc.constantFrom("ERROR", "critical").chain(fieldOf),
);
const message = fc.oneof(
  fc.constantFrom("Disk full on volume /dev/sdb", "Request timed out after 30 s", "ok"),
  fc.constantFrom('Upstream returned "Bad Gateway"', "a, b, c", "line one\nline two").map(quoted),
  fc.integer({ min: 0, max: 999 }).map((n) => `Connection refused to 10.0.0.${n}:5432`),
);

/** The header's columns: required ones, optional ones present or not, in any order. */
const header = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).chain(
  ([service, errorType, ip]) => {
    const names = ["timestamp", "log_level", "message", "endpoint"];
    if (service) names.push("service");
    if (errorType) names.push("error_type");
    if (ip) names.push("ip");
    return fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length });
  },
);

const fieldFor = (name: string) =>
  name === "timestamp"
    ? timestamp
    : name === "log_level"
    ? level
    : name === "message"
    ? message
    : key;

/** A file: header, then rows (some with a field too many or too few), blank lines, CRLF or LF. */
const csvFile = header.chain((names) =>
  fc.tuple(
    fc.constant(names),
    fc.array(
      fc.oneof(
        { weight: 12, arbitrary: fc.tuple(...names.map(fieldFor)) },
        { weight: 1, arbitrary: fc.tuple(...names.slice(1).map(fieldFor)) },
        { weight: 1, arbitrary: fc.tuple(...names.map(fieldFor), key) },
        { weight: 1, arbitrary: fc.constant([] as string[]) },
      ),
      { minLength: 1, maxLength: 60, size: "max" },
    ),
    fc.array(fc.constantFrom("\n", "\r\n"), { minLength: 61, maxLength: 61 }),
    fc.boolean(),
  )
).map(([names, rows, endings, finalNewline]) => {
  let text = names.join(",") + "\n";
  rows.forEach((fields, i) => {
    const last = i === rows.length - 1;
    text += fields.join(",") + (last && !finalNewline ? "" : endings[i]);
  });
  return text;
});

Deno.test("the row kernel folds generated CSV exactly as the JavaScript path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-kernel-" });
  try {
    const path = join(dir, "app.csv");
    // A fixed zone lets the kernel compute same-minute timestamps itself; an IANA zone does not.
    for (const zone of ["UTC", "+05:30", "Europe/Berlin"]) {
      const time = { zone: createZone(zone), defaultYear: 2024 };
      let resolved = 0;
      const numRuns = zone === "UTC" ? 300 : 100;
      await fc.assert(
        fc.asyncProperty(csvFile, async (text) => {
          // Latin-1, so the hostile keys' code points below 256 land as raw bytes (invalid UTF-8 too).
          await Deno.writeFile(path, Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
          resolved += (await assertKernelMatches(path, 1 << 20, time)).accepted;
        }),
        { numRuns },
      );
      assert.ok(resolved > numRuns, `${zone}: generated files had accepted rows (${resolved})`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the row kernel matches across buffer refills and a record that grows the buffer", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-kernel-" });
  try {
    const path = join(dir, "big.csv");
    const lines = ["timestamp,log_level,message,ip,service,endpoint"];
    const services = ["api", "db", "auth-service", " cache "];
    for (let i = 0; i < 60_000; i++) {
      const second = String(Math.floor(i / 7) % 60).padStart(2, "0");
      const minute = String(Math.floor(i / 420) % 60).padStart(2, "0");
      const level = ["INFO", "ERROR", "WARN", "critical"][i % 4];
      // Messages of 1.5 MB: longer than the 1 MB read buffer, which grows (and moves the kernel's
      // region); the second on an ERROR row, with doubled quotes, for the host's template.
      const text = i === 30_000
        ? quoted("x".repeat(1_500_000))
        : i === 30_001
        ? quoted('say "timed out" '.repeat(100_000))
        : `Request ${i % 97} timed out`;
      // An IP per row: 60,000 distinct keys, past the kernel's 16,384 cache slots.
      lines.push(
        `2024-01-15 10:${minute}:${second},${level},${text},10.${i >> 16}.${(i >> 8) & 255}.${
          i & 255
        },${services[i % 4]},/api/item/${i % 37}`,
      );
    }
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const result = await assertKernelMatches(path, 4 << 20);
    assert.equal(result.accepted, 60_000);
    assert.equal(result.rejected, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Runs the configured kernel over `memory.bytes[0, length)` batch after batch
 * and returns one slot of every row, asserting that every row was resolved.
 */
function resolveAll(memory: ScanMemory, length: number, slot: number): number[] {
  const kernel = memory.kernel;
  const events = memory.index(0, length);
  const resolved: number[] = [];
  let pos = 0;
  let cursor = 0;
  for (;;) {
    const rows = kernel.scan(pos, cursor, length, length, events);
    if (rows === 0) break;
    for (let r = 0; r < rows; r++) resolved.push(kernel.rows[r * ROW_INTS + slot]);
    pos = kernel.position;
    cursor = kernel.cursor;
  }
  assert.equal(pos, length, "every row resolved");
  return resolved;
}

Deno.test("the kernel's key cache tells apart keys differing in one byte, at every length and position", () => {
  // Every key from 0 to 40 bytes, and each with one byte changed: twice, so the second pass hits the cache.
  const keys: string[] = [];
  for (let length = 0; length <= 40; length++) {
    keys.push("k".repeat(length));
    for (let at = 0; at < length; at++) {
      keys.push("k".repeat(at) + "x" + "k".repeat(length - at - 1));
    }
  }
  const text = new TextEncoder().encode(
    [...keys, ...keys].map((key) => `2024-01-15 10:00:00,INFO,${key}\n`).join(""),
  );
  const memory = new ScanMemory(text.length);
  memory.bytes.set(text);
  const decoder = new TextDecoder();
  // One table per dimension, as the folder has (dimensions 1 and 2: the absent columns' empty key).
  const tables = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  memory.host = {
    timestamp: () => Date.UTC(2024, 0, 15, 10),
    level: () => Level.INFO,
    key: (dim, start, end) => {
      const ids = tables[dim];
      const key = decoder.decode(memory.bytes.subarray(start, end));
      if (!ids.has(key)) ids.set(key, ids.size);
      return ids.get(key)!;
    },
    template: () => {
      throw new Error("no error levels were configured");
    },
  };
  memory.kernel.configure(
    { fieldCount: 3, timestamp: 0, level: 1, keys: [2, -1, -1], message: 1, errorType: -1 },
    1 << 20,
  );
  const resolved = resolveAll(memory, text.length, RowSlot.KEY0);
  const expected = keys.map((_, i) => i);
  assert.deepEqual(resolved, [...expected, ...expected]);
});

Deno.test("the kernel's template cache tells apart messages differing in one byte, and leaves the host the rest", () => {
  // Messages of 0 to 140 bytes (the cache keeps up to 128), each also with one byte changed, some
  // quoted with blanks inside, some with doubled quotes: twice, so the second pass hits the cache.
  const messages: string[] = [];
  for (let length = 0; length <= 140; length++) {
    messages.push("m".repeat(length));
    for (let at = 0; at < length; at += length > 40 ? 7 : 1) {
      messages.push("m".repeat(at) + "x" + "m".repeat(length - at - 1));
    }
  }
  messages.push('"  padded, quoted  "', '"say ""hi"""', '"say ""ho"""', "  blank edges ");
  // 12,000 of one length: more than the cache's 4,096 slots, so slots are shared and replaced.
  for (let i = 0; i < 12_000; i++) messages.push(`request ${String(i).padStart(5, "0")} failed`);
  const fields = [...messages, ...messages];
  const text = new TextEncoder().encode(
    fields.map((message, i) => `2024-01-15 10:00:00,${i % 3 === 0 ? "INFO" : "ERROR"},${message}\n`)
      .join(""),
  );
  const memory = new ScanMemory(text.length);
  memory.bytes.set(text);
  // The host reads a message as the JavaScript path does: trimmed, unescaped.
  const content = (message: string) => {
    const trimmed = message.trim();
    return trimmed.startsWith('"') ? trimmed.slice(1, -1).trim().replaceAll('""', '"') : trimmed;
  };
  const templates = new Map<string, number>();
  const field = new FieldReader();
  memory.host = {
    timestamp: () => Date.UTC(2024, 0, 15, 10),
    level: (start, end) =>
      new TextDecoder().decode(memory.bytes.subarray(start, end)) === "ERROR"
        ? Level.ERROR
        : Level.INFO,
    key: () => 0,
    template: (start, end, quoting) => {
      field.read(memory.bytes, start, end, quoting);
      const message = field.text();
      if (!templates.has(message)) templates.set(message, templates.size);
      return templates.get(message)!;
    },
  };
  const errorLevels = new Uint8Array(8);
  errorLevels[Level.ERROR] = 1;
  memory.kernel.configure(
    { fieldCount: 3, timestamp: 0, level: 1, keys: [-1, -1, -1], message: 2, errorType: -1 },
    1 << 20,
    false,
    errorLevels,
  );
  const resolved = resolveAll(memory, text.length, RowSlot.TEMPLATE);
  const expectedIds = new Map<string, number>();
  const expected = fields.map((message, i) => {
    if (i % 3 === 0) return -1;
    const key = content(message);
    if (!expectedIds.has(key)) expectedIds.set(key, expectedIds.size);
    return expectedIds.get(key)!;
  });
  assert.deepEqual(resolved, expected);
  assert.deepEqual([...templates.keys()], [...expectedIds.keys()]);
});

Deno.test("the row kernel handles empty fields at the very start of the buffer", async () => {
  // The first data byte is a partition's buffer offset 0: an empty first field there once made
  // the kernel read byte -1 (WebAssembly's i32.and/i32.or evaluate both sides).
  const dir = await Deno.makeTempDir({ prefix: "logpulse-kernel-" });
  try {
    const path = join(dir, "app.csv");
    const files = [
      "timestamp,log_level,message,endpoint\n,INFO,m,/a\n2024-01-15 10:00:00,INFO,m,/a\n",
      "endpoint,timestamp,log_level,message\n,2024-01-15 10:00:00,INFO,m\n/a,2024-01-15 10:00:01,ERROR,m\n",
      "service,timestamp,log_level,message\n\t,2024-01-15 10:00:00,INFO,m\n",
    ];
    for (const text of files) {
      await Deno.writeTextFile(path, text);
      const result = await assertKernelMatches(path);
      assert.ok(result.accepted >= 1, text);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
