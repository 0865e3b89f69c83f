/**
 * The row kernel's counts: rows of one hour summed per cell in WebAssembly.
 * Hand-computed cells for a few rows, the stops that keep the host's tables
 * in file order, and a generated file (hours in and out of order, more
 * services and keys than the counts hold, error bursts longer than a batch)
 * folded exactly as the JavaScript path folds it.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { IndexedScanner } from "../../lib/csv/indexed_scanner.ts";
import { COUNT_KEYS, COUNT_SUBS, StopReason } from "../../lib/csv/kernel_counts.ts";
import { KERNEL_BATCH_ROWS, ROW_INTS, RowSlot } from "../../lib/csv/row_kernel.ts";
import { ScanMemory } from "../../lib/csv/scan_memory.ts";
import { SeededRandom } from "../../lib/gen/random.ts";
import { Level } from "../../lib/model/level.ts";
import { assertKernelMatches } from "./kernel_reference.ts";

const COLUMNS = {
  fieldCount: 6,
  timestamp: 0,
  level: 1,
  message: 2,
  // Keys: service, IP, endpoint (the folder's order).
  keys: [4, 3, 5] as const,
  errorType: -1,
};

/** A memory holding `text`, its kernel configured to count, with a host that interns keys in order. */
function countingKernel(text: string): { memory: ScanMemory; length: number; events: number } {
  const bytes = new TextEncoder().encode(text);
  const memory = new ScanMemory(bytes.length);
  memory.bytes.set(bytes);
  const decoder = new TextDecoder();
  const read = (start: number, end: number) => decoder.decode(memory.bytes.subarray(start, end));
  const tables = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  memory.host = {
    timestamp: (start, end) => Date.parse(read(start, end).replace(" ", "T") + "Z"),
    level: (start, end) => read(start, end) === "ERROR" ? Level.ERROR : Level.INFO,
    key: (dim, start, end) => {
      const ids = tables[dim];
      const key = read(start, end);
      if (!ids.has(key)) ids.set(key, ids.size);
      return ids.get(key)!;
    },
    template: () => 7,
  };
  const errorLevels = new Uint8Array(8);
  errorLevels[Level.ERROR] = 1;
  memory.kernel.configure(COLUMNS, 1 << 20, true, errorLevels, true);
  return { memory, length: bytes.length, events: memory.index(0, bytes.length) };
}

/** Cell number of (coordinate, service, level) in the counts. */
const cell = (coordinate: number, service: number, level: number) =>
  (coordinate * COUNT_SUBS + service) * 8 + level;

Deno.test("kernel counts: an hour's rows summed per cell, error rows also written, the next hour held back", () => {
  const rows = [
    "2024-01-15 10:00:05,INFO,m,1.1.1.1,api,/a",
    "2024-01-15 10:01:00,ERROR,boom,1.1.1.1,api,/b",
    "2024-01-15 10:01:30,INFO,m,2.2.2.2,db,/a",
    "2024-01-15 11:00:00,INFO,m,1.1.1.1,api,/a",
  ];
  const { memory, length, events } = countingKernel(rows.join("\n") + "\n");
  const kernel = memory.kernel;

  assert.equal(kernel.scan(0, 0, length, length, events), 3);
  assert.equal(kernel.position, rows.slice(0, 3).join("\n").length + 1, "stopped before 11:00");
  const counts = kernel.counts;
  assert.equal(counts.stopReason, StopReason.TAKE_COUNTS);
  // Only the error row is written, marked counted.
  assert.equal(kernel.rowCount, 1);
  assert.deepEqual(
    [...kernel.rows.subarray(0, ROW_INTS)].filter((_, slot) =>
      [RowSlot.LEVEL, RowSlot.KEY0, RowSlot.KEY1, RowSlot.KEY2, RowSlot.TEMPLATE, RowSlot.COUNTED]
        .includes(slot as 0)
    ),
    [Level.ERROR, 0, 0, 1, 7, 1],
  );
  assert.equal(kernel.timestamps[0], Date.UTC(2024, 0, 15, 10, 1));
  assert.equal(counts.countedNewlines, 2, "the two rows not written");

  assert.ok(counts.hasHour);
  assert.equal(counts.hour, Date.UTC(2024, 0, 15, 10) / 3_600_000);
  const listed = (table: { touched: Int32Array; cells: Int32Array }, n: number) =>
    [...table.touched.subarray(0, n)].map((at) => [at, table.cells[at]]);
  // Minutes 0 and 1 of the hour; services api = 0, db = 1.
  assert.deepEqual(listed(counts.minutes, counts.minuteCells), [
    [cell(0, 0, Level.INFO), 1],
    [cell(1, 0, Level.ERROR), 1],
    [cell(1, 1, Level.INFO), 1],
  ]);
  // IPs 1.1.1.1 = 0, 2.2.2.2 = 1.
  assert.deepEqual(listed(counts.key1, counts.key1Cells), [
    [cell(0, 0, Level.INFO), 1],
    [cell(0, 0, Level.ERROR), 1],
    [cell(1, 1, Level.INFO), 1],
  ]);
  // Endpoints /a = 0, /b = 1.
  assert.deepEqual(listed(counts.key2, counts.key2Cells), [
    [cell(0, 0, Level.INFO), 1],
    [cell(1, 0, Level.ERROR), 1],
    [cell(0, 1, Level.INFO), 1],
  ]);
  const at = (minute: number, second: number) => Date.UTC(2024, 0, 15, 10, minute, second);
  assert.deepEqual([counts.minutes.first[0], counts.minutes.last[0]], [at(0, 5), at(1, 0)]);
  assert.deepEqual([counts.minutes.first[1], counts.minutes.last[1]], [at(1, 30), at(1, 30)]);
  assert.deepEqual([counts.key1.first[0], counts.key1.last[0]], [at(0, 5), at(1, 0)]);
  assert.deepEqual([counts.key2.first[1], counts.key2.last[1]], [at(1, 0), at(1, 0)]);
  assert.equal(counts.key2.first[2], Infinity, "no third endpoint");

  // Untaken counts still hold 10:00: the 11:00 row waits.
  assert.equal(kernel.scan(kernel.position, kernel.cursor, length, length, events), 0);
  assert.equal(kernel.counts.stopReason, StopReason.TAKE_COUNTS);
});

Deno.test("kernel counts: a full batch of error rows stops the scan, and the counts go on after it", () => {
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const second = String(i % 60).padStart(2, "0");
    lines.push(`2024-01-15 10:05:${second},${i % 2 ? "ERROR" : "INFO"},m,10.0.0.1,api,/a`);
  }
  const { memory, length, events } = countingKernel(lines.join("\n") + "\n");
  const kernel = memory.kernel;
  // Rows 0..511 hold the first 256 errors (the odd ones).
  assert.equal(kernel.scan(0, 0, length, length, events), 2 * KERNEL_BATCH_ROWS);
  assert.equal(kernel.rowCount, KERNEL_BATCH_ROWS);
  assert.equal(kernel.counts.stopReason, StopReason.ROWS_FULL);
  assert.equal(kernel.scan(kernel.position, kernel.cursor, length, length, events), 88);
  assert.equal(kernel.rowCount, 44);
  const counts = kernel.counts;
  assert.equal(counts.stopReason, StopReason.OTHER);
  assert.equal(kernel.position, length);
  assert.equal(counts.minuteCells, 2);
  assert.equal(counts.minutes.cells[cell(5, 0, Level.INFO)], 300);
  assert.equal(counts.minutes.cells[cell(5, 0, Level.ERROR)], 300);
  assert.equal(counts.countedNewlines, 44, "the last scan's INFO rows");
});

Deno.test("kernel counts: hours out of order, ids past what the counts hold, long error bursts fold as the JavaScript path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-counts-" });
  try {
    // Seeded, so a failure reproduces.
    const random = new SeededRandom(42);
    const services = Array.from({ length: COUNT_SUBS + 8 }, (_, i) => `svc-${i}`);
    const ips = Array.from({ length: COUNT_KEYS + 200 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    const levels = ["INFO", "WARN", "DEBUG", "ERROR", "CRITICAL", "info"];
    const lines = ["timestamp,log_level,message,ip,service,endpoint"];
    let expected = 0;
    for (let i = 0; i < 30_000; i++) {
      // Six hours in order, with one row in 50 from an earlier hour; some at the hour's last instant.
      let ms = Date.UTC(2024, 0, 15, 4) + i * 720;
      if (random.next() < 0.02) ms -= 3_600_000 * random.int(1, 3);
      const time = new Date(ms).toISOString().slice(0, 19).replace("T", " ");
      const stamp = random.next() < 0.01 ? time.slice(0, 17) + "59.9999999" : time;
      // Rows 9,000..9,999 are a burst of errors, more than a batch of output rows.
      const level = i >= 9_000 && i < 10_000 ? "ERROR" : random.pick(levels);
      // Services and IPs start few, so the counts hold their ids, then grow past what they hold.
      const service = random.pick(services.slice(0, Math.min(services.length, 4 + (i >> 9))));
      const ip = random.pick(ips.slice(0, Math.min(ips.length, 50 + (i >> 5))));
      const endpoint = random.next() < 0.005 ? '"/say ""hi"""' : `/api/${random.int(0, 29)}`;
      const message = `Request ${random.int(0, 49)} timed out`;
      if (random.next() < 0.003) {
        lines.push(`not a time,${level},${message},${ip},${service},${endpoint}`);
        continue;
      }
      lines.push(`${stamp},${level},${message},${ip},${service},${endpoint}`);
      expected++;
    }
    const path = join(dir, "hours.csv");
    await Deno.writeTextFile(path, lines.join("\r\n") + "\r\n");
    const result = await assertKernelMatches(path);
    assert.equal(result.accepted, expected);
    assert.equal(result.rejected, 30_000 - expected);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kernel counts: rows counted before a record that grows the buffer (and moves the counts) are kept", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-counts-" });
  try {
    const lines = ["timestamp,log_level,message,ip,service,endpoint"];
    for (let i = 0; i < 40_000; i++) {
      const time = new Date(Date.UTC(2024, 0, 15, 10) + i * 50).toISOString().slice(0, 19);
      // One 2 MB message mid-hour: longer than the read buffer, which grows and moves the
      // kernel's region (counts included) while they hold the rows before it.
      const message = i === 20_000 ? "x".repeat(2_000_000) : `Request ${i % 13} timed out`;
      const level = i % 7 === 0 ? "ERROR" : "INFO";
      lines.push(`${time},${level},${message},10.0.0.${i % 50},svc-${i % 5},/api/${i % 9}`);
    }
    const path = join(dir, "grow.csv");
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const result = await assertKernelMatches(path, 4 << 20);
    assert.equal(result.accepted, 40_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kernel counts: rows that keep stopping them (hours interleaved, too many IPs) turn them off for the partition", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-counts-" });
  // Count the kernel's stops for its counts through the scanner the partition scan uses.
  const resolveRows = IndexedScanner.prototype.resolveRows;
  let stops = 0;
  IndexedScanner.prototype.resolveRows = function (kernel) {
    const records = resolveRows.call(this, kernel);
    if (this.kernelStop === StopReason.TAKE_COUNTS) stops++;
    return records;
  };
  const random = new SeededRandom(7);
  try {
    const files = {
      // Two sources an hour apart, interleaved row by row: every row is another hour.
      interleaved: (i: number) =>
        `${stamp(i * 250 + (i % 2) * 3_600_000)},INFO,m,10.0.0.${i % 100},api,/a`,
      // 1,024 IPs at random: half the rows have ids the counts do not hold.
      "many-ips": (i: number) => {
        const ip = random.int(0, 1023);
        return `${stamp(i * 250)},INFO,m,10.0.${ip >> 8}.${ip & 255},api,/a`;
      },
    };
    for (const [name, row] of Object.entries(files)) {
      const lines = ["timestamp,log_level,message,ip,service,endpoint"];
      for (let i = 0; i < 20_000; i++) lines.push(row(i));
      const path = join(dir, `${name}.csv`);
      await Deno.writeTextFile(path, lines.join("\n") + "\n");
      stops = 0;
      const result = await assertKernelMatches(path);
      assert.equal(result.accepted, 20_000);
      // The reference scan has no kernel; the kernel's scan stops 17 times, then counts no more.
      assert.ok(stops >= 17 && stops <= 18, `${name}: ${stops} stops for the counts`);
    }
  } finally {
    IndexedScanner.prototype.resolveRows = resolveRows;
    await Deno.remove(dir, { recursive: true });
  }
});

function stamp(ms: number): string {
  return new Date(Date.UTC(2024, 0, 15, 10) + ms).toISOString().slice(0, 19).replace("T", " ");
}
