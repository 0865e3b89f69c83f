/**
 * A fixed pool of scan workers fed from a queue. Each worker takes one job at
 * a time, so at most `size` partitions are in memory at once.
 *
 * @module
 */

import type { ScanJob, ScanResult, ScanSettings } from "./partition_scan.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";

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
  readonly #idle: Worker[] = [];
  readonly #workers: Worker[] = [];
  readonly #queue: Pending[] = [];
  readonly #running = new Map<Worker, Pending>();
  #nextId = 1;

  constructor(size: number, settings: ScanSettings) {
    this.size = size;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
      worker.postMessage({ type: "init", settings } satisfies WorkerRequest);
      worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#settle(worker, event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        const pending = this.#running.get(worker);
        this.#running.delete(worker);
        pending?.reject(new Error(`scan worker failed: ${event.message}`));
        this.#idle.push(worker);
        this.#dispatch();
      };
      this.#workers.push(worker);
      this.#idle.push(worker);
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

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const pending = this.#queue.shift()!;
      this.#running.set(worker, pending);
      worker.postMessage(
        { type: "scan", id: pending.id, job: pending.job } satisfies WorkerRequest,
      );
    }
  }

  #settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.#running.get(worker);
    this.#running.delete(worker);
    this.#idle.push(worker);
    if (pending && pending.id === reply.id) {
      if (reply.type === "result") pending.resolve(reply.result);
      else pending.reject(new Error(reply.message));
    }
    this.#dispatch();
  }
}
