/**
 * matchCheckpoints on hand-made files and checkpoints (fingerprints faked):
 * renames continue by inode, compressed or copied data continues by its
 * first bytes, truncated or rewritten files are reported, vanished ones are
 * gone, header-only fingerprints never adopt another file.
 */

import assert from "node:assert/strict";
import type { Checkpoint } from "../../lib/incremental/checkpoint.ts";
import { matchCheckpoints } from "../../lib/incremental/resume.ts";
import type { InputFile } from "../../lib/input/manifest.ts";
import { NO_COLUMNS } from "../../lib/input/columns.ts";

function file(path: string, ino: number, size: number, gzip = false): InputFile {
  return {
    path,
    name: path,
    gzip,
    size,
    mtimeMs: 0,
    dev: 1,
    ino,
    defaultYear: 2024,
    format: null,
    header: [],
    columns: NO_COLUMNS,
    dataStart: 10,
    headerNewlines: 1,
  };
}

function checkpoint(path: string, ino: number, offset: number, head: string): Checkpoint {
  return {
    path,
    name: path,
    gzip: false,
    dev: 1,
    ino,
    size: offset,
    mtimeMs: 0,
    headLength: 100,
    headHash: head,
    offset,
    lines: 5,
    records: 4,
    accepted: 4,
    rejected: 0,
    blankLines: 0,
    pendingBytes: 0,
    status: "ok",
    problem: null,
  };
}

/** Fingerprints by path: the "hash" of the first 100 bytes is the given label. */
const heads = (labels: Record<string, string>) => (f: InputFile) => ({
  hash: (length: number) => Promise.resolve(length === 100 ? labels[f.path] ?? null : null),
});

const matched = (plan: Awaited<ReturnType<typeof matchCheckpoints>>) =>
  plan.entries.map((e) => [e.file.path, e.from?.path ?? null]);

Deno.test("resume: an appended file continues; a renamed one follows its inode", async () => {
  const plan = await matchCheckpoints(
    [file("app.csv.1", 7, 600), file("app.csv", 8, 50)],
    [checkpoint("app.csv", 7, 500, "A")],
    heads({ "app.csv.1": "A", "app.csv": "B" }),
  );
  assert.deepEqual(matched(plan), [["app.csv.1", "app.csv"], ["app.csv", null]]);
  assert.deepEqual(plan.gone, []);
  assert.deepEqual(plan.rewritten, []);
});

Deno.test("resume: same first bytes under a new identity continue (gzip, copytruncate)", async () => {
  const plan = await matchCheckpoints(
    [file("app.csv", 7, 40), file("app.csv.1.gz", 9, 200, true)],
    [checkpoint("app.csv", 7, 500, "A")],
    heads({ "app.csv": "C", "app.csv.1.gz": "A" }),
  );
  // app.csv (inode 7) was truncated, but its counted data lives on as the .gz: no rebuild.
  assert.deepEqual(matched(plan), [["app.csv", null], ["app.csv.1.gz", "app.csv"]]);
  assert.deepEqual(plan.rewritten, []);
});

Deno.test("resume: truncated or rewritten in place, with nowhere else to go, is reported", async () => {
  const shorter = await matchCheckpoints(
    [file("app.csv", 7, 40)],
    [checkpoint("app.csv", 7, 500, "A")],
    heads({ "app.csv": "A" }),
  );
  assert.deepEqual(shorter.rewritten.map((r) => r.file.path), ["app.csv"]);
  const edited = await matchCheckpoints(
    [file("app.csv", 7, 900)],
    [checkpoint("app.csv", 7, 500, "A")],
    heads({ "app.csv": "Z" }),
  );
  assert.deepEqual(edited.rewritten.map((r) => r.checkpoint.path), ["app.csv"]);
});

Deno.test("resume: a vanished file is gone; a header-only fingerprint adopts nothing", async () => {
  const gone = await matchCheckpoints(
    [file("new.csv", 3, 900)],
    [checkpoint("old.csv", 7, 500, "A")],
    heads({ "new.csv": "B" }),
  );
  assert.deepEqual(gone.gone.map((c) => c.path), ["old.csv"]);
  assert.deepEqual(matched(gone), [["new.csv", null]]);

  const headerOnly = { ...checkpoint("empty.csv", 7, 10, "H"), records: 0 };
  const plan = await matchCheckpoints(
    [file("other.csv", 3, 900)],
    [headerOnly],
    heads({ "other.csv": "H" }),
  );
  assert.deepEqual(matched(plan), [["other.csv", null]]);
  assert.deepEqual(plan.gone.map((c) => c.path), ["empty.csv"]);
});

Deno.test("resume: a copy of a file that is still there is skipped, not counted twice", async () => {
  const plan = await matchCheckpoints(
    [file("app.csv.1", 7, 500), file("app.csv.1.gz", 9, 120, true)],
    [checkpoint("app.csv.1", 7, 500, "A")],
    heads({ "app.csv.1": "A", "app.csv.1.gz": "A" }),
  );
  assert.deepEqual(matched(plan), [["app.csv.1", "app.csv.1"]]);
  assert.deepEqual(plan.duplicates.map((d) => [d.file.path, d.of.path]), [
    ["app.csv.1.gz", "app.csv.1"],
  ]);
});

Deno.test("resume: without inodes, a file is known by its path", async () => {
  const noInode = { ...file("app.csv", 0, 900), ino: null, dev: null };
  const plan = await matchCheckpoints(
    [noInode],
    [{ ...checkpoint("app.csv", 0, 500, "A"), ino: null, dev: null }],
    heads({ "app.csv": "A" }),
  );
  assert.deepEqual(matched(plan), [["app.csv", "app.csv"]]);
});
