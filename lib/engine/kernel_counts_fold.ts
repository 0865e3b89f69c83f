/**
 * Adding the row kernel's counts (see {@linkcode KernelCounts}) to a
 * partition's aggregate: each summed cell once, as the rows would have been
 * added one by one.
 *
 * @module
 */

import type { AggregateBuilder } from "../aggregate/builder.ts";
import { Dim } from "../aggregate/partial.ts";
import type { CountCells, KernelCounts } from "../csv/kernel_counts.ts";

/**
 * Adds what the kernel's counts hold to `builder` and empties them. The
 * kernel's keys are the folder's (see `kernelColumns`): 0 the service, 1 the
 * IP, 2 the endpoint. Touched cells are added in first-touch order, so the
 * builder's tables list cells as a row-by-row fold lists them.
 *
 * @example
 * ```ts
 * import { addKernelCounts } from "./kernel_counts_fold.ts";
 * // addKernelCounts(folder.builder, memory.kernel.counts);
 * ```
 */
export function addKernelCounts(builder: AggregateBuilder, counts: KernelCounts): void {
  if (!counts.hasHour) return;
  const hourNumber = counts.hour;
  const hour = builder.hourIndex(hourNumber);
  const minutes = counts.minutes;
  const firstMinute = hourNumber * 60;
  for (let t = 0, n = counts.minuteCells; t < n; t++) {
    const cell = minutes.touched[t];
    builder.addMinute(firstMinute + (cell >> 8), cell & 7, (cell >> 3) & 31, minutes.cells[cell]);
    minutes.cells[cell] = 0;
  }
  // Every counted row widened its service's times (key 0's).
  for (let service = 0; service < minutes.first.length; service++) {
    if (minutes.first[service] === Infinity) continue;
    builder.seenKey(Dim.SERVICE, service, minutes.first[service], minutes.last[service]);
    minutes.first[service] = Infinity;
    minutes.last[service] = -Infinity;
  }
  addKeyCells(builder, Dim.IP, hour, counts.key1, counts.key1Cells);
  addKeyCells(builder, Dim.ENDPOINT, hour, counts.key2, counts.key2Cells);
  counts.taken();
}

/** Adds the first `n` touched cells of one key dimension of the counts, emptying them. */
function addKeyCells(
  builder: AggregateBuilder,
  dim: number,
  hour: number,
  table: CountCells,
  n: number,
): void {
  const cells = builder.cells[dim];
  for (let t = 0; t < n; t++) {
    const cell = table.touched[t];
    const key = cell >> 8;
    cells.add(hour, cell & 7, key, table.cells[cell], (cell >> 3) & 31);
    table.cells[cell] = 0;
    // A key's first cell carries its times; they are then spent.
    builder.seenKey(dim, key, table.first[key], table.last[key]);
    table.first[key] = Infinity;
    table.last[key] = -Infinity;
  }
}
