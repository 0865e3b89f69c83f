/**
 * Messages between the main thread and scan workers.
 *
 * @module
 */

import type { PartialAggregate } from "../aggregate/partial.ts";
import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";

/** Main thread → worker. */
export type WorkerRequest =
  | { type: "init"; settings: ScanSettings }
  | { type: "scan"; id: number; job: ScanJob };

/** Worker → main thread. */
export type WorkerReply =
  | { type: "result"; id: number; result: ScanResult }
  | { type: "error"; id: number; message: string };

/**
 * The array buffers of a partial aggregate, to transfer instead of copy.
 *
 * @example
 * ```ts
 * import { transferablesOf } from "./protocol.ts";
 * import { AggregateBuilder } from "../aggregate/builder.ts";
 * transferablesOf(new AggregateBuilder().finish()).length > 0; // true
 * ```
 */
export function transferablesOf(partial: PartialAggregate): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [partial.levelCounts];
  for (const dim of partial.dims) {
    arrays.push(
      dim.first,
      dim.last,
      dim.cells.hour,
      dim.cells.level,
      dim.cells.key,
      dim.cells.service,
      dim.cells.count,
    );
  }
  const pairs = partial.pairs;
  arrays.push(pairs.type, pairs.template, pairs.count, pairs.first, pairs.last, pairs.exampleTs);
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) buffers.add(array.buffer as ArrayBuffer);
  return [...buffers];
}
