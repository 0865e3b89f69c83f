/**
 * The partial aggregate: what a worker returns for one partition and what the
 * main thread merges. Plain data with typed arrays so it crosses the worker
 * boundary by structured clone (the arrays are transferred, not copied).
 *
 * @module
 */

/**
 * The cube's key dimensions, in index order. `template` counts error rows by
 * message template (its keys are the partial's `templates`).
 */
export const DIMENSIONS = ["service", "ip", "endpoint", "error_type", "template"] as const;

/** A key dimension's name. */
export type Dimension = typeof DIMENSIONS[number];

/** Dimension indices. */
export const Dim = { SERVICE: 0, IP: 1, ENDPOINT: 2, ERROR_TYPE: 3, TEMPLATE: 4 } as const;

/** How many example messages are kept per error type. */
export const EXAMPLES_PER_TYPE = 3;

/**
 * How many recent examples are kept per (error type, template): the first
 * message of each of the newest 10-minute periods the pair occurred in. One
 * per period keeps decoding rare (a pair's other rows in a period are not
 * looked at) and the choice independent of partitioning, so merging stays
 * exact.
 */
export const RECENT_PER_PAIR = 5;

/** One example message with the time it was logged. */
export interface Example {
  /** UTC epoch milliseconds. */
  ts: number;
  /** The raw message. */
  message: string;
}

/** Sparse (hour, level, key, service) counts, parallel arrays of equal length. */
export interface CellsPartial {
  hour: Int32Array;
  level: Uint8Array;
  key: Int32Array;
  /** The service id (into the service dimension's keys) of the rows counted. */
  service: Int32Array;
  count: Float64Array;
}

/** One dimension's distinct keys (with first/last seen times) and its cube cells. */
export interface DimensionPartial {
  keys: string[];
  first: Float64Array;
  last: Float64Array;
  cells: CellsPartial;
}

/** Error counts by (error type, template), with first/last seen and one example each. */
export interface PairsPartial {
  type: Int32Array;
  template: Int32Array;
  count: Float64Array;
  first: Float64Array;
  last: Float64Array;
  exampleTs: Float64Array;
  example: string[];
  /** Per pair: up to {@linkcode RECENT_PER_PAIR} recent examples, newest period first. */
  recent: Example[][];
}

/**
 * Rows per (minute, level, service): the fine-grained series that windowed
 * alerts slide over. Minutes are minute numbers since the epoch (UTC).
 */
export interface MinutesPartial {
  minute: Int32Array;
  level: Uint8Array;
  /** The service id (into the service dimension's keys). */
  service: Int32Array;
  count: Float64Array;
}

/**
 * A mergeable partial aggregate.
 *
 * Hours are indices into `hours` (hour numbers since the epoch); key ids are
 * indices into each dimension's `keys`; error type ids index
 * `dims[Dim.ERROR_TYPE].keys`; template ids index `templates`.
 */
export interface PartialAggregate {
  hours: number[];
  /** Counts by (hour index × 6 + level). */
  levelCounts: Float64Array;
  dims: DimensionPartial[];
  minutes: MinutesPartial;
  templates: string[];
  pairs: PairsPartial;
  /** Per error type id: up to {@linkcode EXAMPLES_PER_TYPE} earliest examples, ordered by (ts, message). */
  typeExamples: Example[][];
  /** Earliest and latest accepted timestamp (NaN when there are no rows). */
  minTs: number;
  maxTs: number;
}
