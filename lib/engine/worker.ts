/**
 * Worker entry point: receives its settings once, then scans partitions and
 * posts back partial aggregates with their typed arrays transferred.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { createZone } from "../time/zone.ts";
import type { Zone } from "../time/zone.ts";
import { scanPartition } from "./partition_scan.ts";
import type { ScanSettings } from "./partition_scan.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";
import { transferablesOf } from "./protocol.ts";

let settings: ScanSettings | undefined;
let zone: Zone | undefined;

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "init") {
    settings = request.settings;
    zone = createZone(settings.timezone);
    return;
  }
  let reply: WorkerReply;
  try {
    if (!settings || !zone) throw new Error("worker used before init");
    const result = await scanPartition(request.job, settings, {
      zone,
      defaultYear: request.job.defaultYear,
    });
    reply = { type: "result", id: request.id, result };
    self.postMessage(reply, transferablesOf(result.partial));
  } catch (error) {
    reply = {
      type: "error",
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    };
    self.postMessage(reply);
  }
};
