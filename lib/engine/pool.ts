/**
 * A fixed pool of scan workers fed from a queue. Each worker holds up to
 * {@linkcode JOBS_PER_WORKER} jobs: while the main thread merges a finished
 * partition, the worker already scans its next one instead of waiting for a
 * new job to be posted. So at most `size × JOBS_PER_WORKER` partitions are in
 * memory at once.
 *
 * @module
 */

import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";

/** Jobs posted to a worker ahead of its replies (the worker runs them in order). */
export const JOBS_PER_WORKER = 2;

interface Pending {
  id: number;
  job: ScanJob;
  resolve: (result: ScanResult) => void;
  reject: (error: Error) => void;
}

/**
 * Runs scan jobs on Web Workers.
 *
 * @example
 * ```ts
 * import { WorkerPool } from "./pool.ts";
 * // const pool = new WorkerPool(2, settings);
 * // const result = await pool.scan(job);
 * // pool.close();
 * ```
 */
export class WorkerPool {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #queue: Pending[] = [];
  /** Jobs posted to each worker and not yet answered, oldest first. */
  readonly #posted = new Map<Worker, Pending[]>();
  #nextId = 1;

  constructor(size: number, settings: ScanSettings) {
    this.size = size;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
      worker.postMessage({ type: "init", settings } satisfies WorkerRequest);
      worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#settle(worker, event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        // An uncaught error may have lost any of the worker's jobs: fail them all.
        const lost = this.#posted.get(worker) ?? [];
        this.#posted.set(worker, []);
        for (const pending of lost) {
          pending.reject(new Error(`scan worker failed: ${event.message}`));
        }
        this.#dispatch();
      };
      this.#workers.push(worker);
      this.#posted.set(worker, []);
    }
  }

  /** Scans one partition on the next free worker. */
  scan(job: ScanJob): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every worker. */
  close(): void {
    for (const worker of this.#workers) worker.terminate();
  }

  /** Posts queued jobs, filling the least loaded worker first. */
  #dispatch(): void {
    for (let depth = 0; depth < JOBS_PER_WORKER; depth++) {
      for (const worker of this.#workers) {
        if (this.#queue.length === 0) return;
        const posted = this.#posted.get(worker)!;
        if (posted.length > depth) continue;
        const pending = this.#queue.shift()!;
        posted.push(pending);
        worker.postMessage(
          { type: "scan", id: pending.id, job: pending.job } satisfies WorkerRequest,
        );
      }
    }
  }

  #settle(worker: Worker, reply: WorkerReply): void {
    const posted = this.#posted.get(worker)!;
    const at = posted.findIndex((pending) => pending.id === reply.id);
    if (at >= 0) {
      const [pending] = posted.splice(at, 1);
      if (reply.type === "result") pending.resolve(reply.result);
      else pending.reject(new Error(reply.message));
    }
    this.#dispatch();
  }
}
