/**
 * Worker entry point: receives its settings once, then scans partitions and
 * posts back partial aggregates with their typed arrays transferred.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { AggregateBuilder } from "../aggregate/builder.ts";
import { createZone } from "../time/zone.ts";
import type { Zone } from "../time/zone.ts";
import { scanJob } from "./scan_job.ts";
import type { ScanJob, ScanSettings } from "./partition_scan.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";
import { transferablesOf } from "./protocol.ts";

// The first time a thread transfers a partial aggregate's buffers, V8 throws
// away every function it has optimized ("dependent prototype chain changed"
// in --trace-deopt). After the first partition that was the fold and all it
// calls, compiled again while both cores were busy. Transferring an empty
// partial here, before anything is compiled, pays that once for nothing.
const empty = new AggregateBuilder().finish();
structuredClone(empty, { transfer: transferablesOf(empty) });

let settings: ScanSettings | undefined;
let zone: Zone | undefined;

/** Jobs run one after another, in the order posted, even when several are queued. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "init") {
    settings = request.settings;
    zone = createZone(settings.timezone);
    return;
  }
  queue = queue.then(() => scan(request.id, request.job));
};

async function scan(id: number, job: ScanJob): Promise<void> {
  let reply: WorkerReply;
  try {
    if (!settings || !zone) throw new Error("worker used before init");
    const result = await scanJob(job, settings, { zone, defaultYear: job.defaultYear });
    reply = { type: "result", id, result };
    self.postMessage(reply, transferablesOf(result.partial));
  } catch (error) {
    reply = { type: "error", id, message: error instanceof Error ? error.message : String(error) };
    self.postMessage(reply);
  }
}
