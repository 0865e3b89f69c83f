/**
 * Scanning on the calling thread, for work too small to pay for starting
 * workers (an incremental run's few appended kilobytes): same code, same
 * results as the pool.
 *
 * @module
 */

import { createZone } from "../time/zone.ts";
import type { Zone } from "../time/zone.ts";
import { scanJob } from "./scan_job.ts";
import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";

/** Scans partitions; a {@linkcode WorkerPool} or an {@linkcode InlineScanner}. */
export interface PartitionScanner {
  scan(job: ScanJob): Promise<ScanResult>;
  close(): void;
}

/**
 * Scans jobs one at a time on this thread.
 *
 * @example
 * ```ts
 * import { InlineScanner } from "./inline_scanner.ts";
 * // const scanner = new InlineScanner(settings);
 * // const result = await scanner.scan(job);
 * ```
 */
export class InlineScanner implements PartitionScanner {
  readonly #settings: ScanSettings;
  readonly #zone: Zone;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(settings: ScanSettings) {
    this.#settings = settings;
    this.#zone = createZone(settings.timezone);
  }

  /** Scans one partition after those already asked for. */
  scan(job: ScanJob): Promise<ScanResult> {
    const result = this.#queue.then(() =>
      scanJob(job, this.#settings, { zone: this.#zone, defaultYear: job.defaultYear })
    );
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Nothing to stop. */
  close(): void {}
}
