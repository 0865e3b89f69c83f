/**
 * Tests for lib/engine/plan.ts: `partitionFile` cuts a file into contiguous
 * ranges that cover its data bytes exactly once, and with several workers
 * cuts the last ones finer (hand-computed layouts, then generated files).
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { partitionFile } from "../../lib/engine/plan.ts";
import type { Partition } from "../../lib/engine/plan.ts";

const MiB = 1 << 20;

function file(size: number, dataStart = 0, gzip = false) {
  return { gzip, dataStart, size };
}

function sizes(partitions: Partition[]): number[] {
  return partitions.map((p) => (p.end - p.start) / MiB);
}

Deno.test("partitionFile: one worker cuts plain ranges of the partition size", () => {
  assert.deepEqual(
    partitionFile(file(100, 10), 0, 40).map((p) => [p.start, p.end, p.exact]),
    [[10, 50, true], [50, 90, false], [90, 100, false]],
  );
  assert.deepEqual(sizes(partitionFile(file(100 * MiB), 3, 32 * MiB)), [32, 32, 32, 4]);
  assert.ok(partitionFile(file(100 * MiB), 3, 32 * MiB).every((p) => p.file === 3));
});

Deno.test("partitionFile: two workers cut the last two ranges in quarters", () => {
  // 100 MiB at 32: plain 32, 32, 32, 4; the tail is the last two (32 + 4).
  assert.deepEqual(sizes(partitionFile(file(100 * MiB), 0, 32 * MiB, 2)), [32, 32, 8, 8, 8, 8, 4]);
  // Exactly two ranges: all of it is tail.
  assert.deepEqual(sizes(partitionFile(file(64 * MiB), 0, 32 * MiB, 2)), [8, 8, 8, 8, 8, 8, 8, 8]);
  // Smaller than one range: still cut, so both workers get some.
  assert.deepEqual(sizes(partitionFile(file(20 * MiB), 0, 32 * MiB, 2)), [8, 8, 4]);
  // Three workers: the last three ranges.
  assert.deepEqual(
    sizes(partitionFile(file(160 * MiB), 0, 32 * MiB, 3)),
    [32, 32, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8],
  );
});

Deno.test("partitionFile: tail ranges are at least 4 MiB, and never larger than the partition size", () => {
  // 8 MiB partitions: a quarter would be 2 MiB, so the tail is cut at 4.
  assert.deepEqual(sizes(partitionFile(file(24 * MiB), 0, 8 * MiB, 2)), [8, 4, 4, 4, 4]);
  // Partitions under 4 MiB are not cut again.
  assert.deepEqual(
    partitionFile(file(100, 10), 0, 40, 2).map((p) => [p.start, p.end]),
    [[10, 50], [50, 90], [90, 100]],
  );
});

Deno.test("partitionFile: a gzip file is one partition, an empty file one empty partition", () => {
  assert.deepEqual(partitionFile(file(500 * MiB, 7, true), 1, 32 * MiB, 2), [
    { file: 1, start: 7, end: Infinity, exact: true },
  ]);
  assert.deepEqual(partitionFile(file(12, 12), 0, 32 * MiB, 2), [
    { file: 0, start: 12, end: 12, exact: true },
  ]);
});

Deno.test("partitionFile: generated files are covered once, in order, by bounded ranges", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 4096 }),
      fc.integer({ min: 1, max: 64 * MiB }),
      fc.integer({ min: 1, max: 8 }),
      (ranges, fraction, dataStart, step, workers) => {
        // Up to 200 plain ranges and a part of one more: any length, few ranges.
        const length = ranges * step + Math.floor(fraction * step);
        const size = dataStart + length;
        const partitions = partitionFile(file(size, dataStart), 0, step, workers);
        assert.equal(partitions[0].start, dataStart);
        assert.equal(partitions.at(-1)!.end, size);
        partitions.forEach((p, i) => {
          assert.equal(p.exact, i === 0);
          if (i > 0) assert.equal(p.start, partitions[i - 1].end);
          assert.ok(p.end - p.start <= step, `range ${i} longer than the partition size`);
          if (length > 0) assert.ok(p.end > p.start, `range ${i} empty`);
        });
        // With one worker nothing changes: ceil(length / step) ranges.
        if (workers === 1) assert.equal(partitions.length, Math.max(1, Math.ceil(length / step)));
        // Cut finer only in the tail: at most `workers` plain ranges' bytes.
        const plainCount = Math.ceil(length / step);
        const fine = partitions.filter((p) => p.end - p.start < step && p.end !== size);
        const tailBytes = fine.reduce((sum, p) => sum + p.end - p.start, 0);
        assert.ok(tailBytes <= Math.min(length, workers * step));
        assert.ok(partitions.length <= plainCount + workers * 4);
      },
    ),
    { numRuns: 2000 },
  );
});
