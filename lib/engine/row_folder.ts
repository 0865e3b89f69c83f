/**
 * Folds scanned CSV records into an {@linkcode AggregateBuilder}: the per-row
 * work of a worker. Timestamps and levels are read from bytes; keys are
 * interned from bytes; strings are made only for new keys, new templates and
 * the few messages kept as examples.
 *
 * @module
 */

import { AggregateBuilder } from "../aggregate/builder.ts";
import { Dim } from "../aggregate/partial.ts";
import { StringTable } from "../aggregate/string_table.ts";
import type { ErrorTypeRule } from "../classify/error_type.ts";
import { LevelMemo } from "../classify/level.ts";
import { FieldReader } from "../csv/field.ts";
import { ROW_INTS, RowSlot } from "../csv/row_kernel.ts";
import type { KernelColumns, RowKernelHost } from "../csv/row_kernel.ts";
import { Quoting } from "../csv/record_scanner.ts";
import type { RecordFields } from "../csv/record_scanner.ts";
import type { ColumnMap } from "../input/columns.ts";
import { LEVEL_COUNT } from "../model/level.ts";
import type { CompiledLineFormat } from "../formats/spec.ts";
import type { LineFields } from "../formats/record.ts";
import type { TimestampContext } from "../time/timestamp.ts";
import { TimestampCache } from "../time/timestamp_cache.ts";
import { TemplateIds } from "./template_ids.ts";

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
const encoder = new TextEncoder();
/** The dimensions of the row kernel's three keys (see {@linkcode kernelColumns}). */
const KERNEL_DIMS = [Dim.SERVICE, Dim.IP, Dim.ENDPOINT] as const;

/**
 * The columns the row kernel resolves for a CSV file: its keys are the
 * service, IP and endpoint, in the order of `KERNEL_DIMS`.
 *
 * @example
 * ```ts
 * import { kernelColumns } from "./row_folder.ts";
 * const columns = { fieldCount: 6, timestamp: 0, log_level: 1, message: 2, ip: 3, service: 4, endpoint: 5, error_type: -1 };
 * kernelColumns(columns).keys; // [4, 3, 5]
 * ```
 */
export function kernelColumns(columns: ColumnMap): KernelColumns {
  return {
    fieldCount: columns.fieldCount,
    timestamp: columns.timestamp,
    level: columns.log_level,
    keys: [columns.service, columns.ip, columns.endpoint],
    message: columns.message,
    errorType: columns.error_type,
  };
}

/** A message's bytes, decodable to text only when an example is kept. */
interface MessageBytes {
  buf: Uint8Array;
  start: number;
  end: number;
  text(): string;
}

/** A string's UTF-8 bytes in a reused buffer (for interning strings like fields). */
class StringBytes implements MessageBytes {
  buf = new Uint8Array(256);
  start = 0;
  end = 0;
  #text = "";

  set(text: string): this {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > this.buf.length) this.buf = new Uint8Array(text.length * 3 + 64);
    this.end = encoder.encodeInto(text, this.buf).written;
    this.#text = text;
    return this;
  }

  text(): string {
    return this.#text;
  }
}

/** Why a record was not accepted (0 = accepted). */
export const FoldOutcome = { ACCEPTED: 0, FIELD_COUNT: 1, BAD_TIMESTAMP: 2 } as const;

/** What the folder needs besides the records. */
export interface FoldSettings {
  /** Level indices that count as errors. */
  errorLevels: readonly number[];
  /** Ordered error-type rules. */
  rules: readonly ErrorTypeRule[];
}

/**
 * Accumulates records of one partition.
 *
 * @example
 * ```ts
 * import { RowFolder } from "./row_folder.ts";
 * // const folder = new RowFolder({ errorLevels: [3, 4], rules: [] });
 * // folder.fold(buf, scanner, columns, timestampContext);
 * // const partial = folder.finish();
 * ```
 */
export class RowFolder {
  readonly builder = new AggregateBuilder();
  readonly #keys = [new StringTable(), new StringTable(), new StringTable(), new StringTable()];
  readonly #templates: TemplateIds;
  readonly #isError = new Uint8Array(LEVEL_COUNT);
  readonly #levels = new LevelMemo();
  readonly #field = new FieldReader();
  readonly #message = new FieldReader();
  /** The message the row kernel asks a template for (its rows' own reads use #message). */
  readonly #kernelMessage = new FieldReader();
  readonly #text = new StringBytes();
  #timestampCache: TimestampCache | undefined;
  /** The kernel host (see {@linkcode kernelHost}) and the memory and time context it reads. */
  #host: RowKernelHost | undefined;
  // Both set by every kernelHost call, before the kernel can call back.
  #hostMemory!: { readonly bytes: Uint8Array };
  #hostTime!: TimestampContext;
  #timestampContext: TimestampContext | undefined;
  /** The timestamp of the last record that failed to parse (for the rejection reason). */
  lastBadTimestamp = "";

  /** What the folder was made with. */
  readonly settings: FoldSettings;

  /** 1 at each level index counted as an error (the row kernel's `errorLevels`). */
  get errorLevels(): Uint8Array {
    return this.#isError;
  }

  constructor(settings: FoldSettings) {
    this.settings = settings;
    for (const level of settings.errorLevels) this.#isError[level] = 1;
    this.#templates = new TemplateIds(settings.rules, this.#keys[Dim.ERROR_TYPE]);
  }

  /**
   * Empties the folder for another partition: it then folds exactly like a
   * new one, keeping its grown tables and the memos that depend only on bytes
   * (levels, timestamps). See `takeRowFolder` in folder_reuse.ts.
   */
  reset(): void {
    this.builder.reset();
    for (const table of this.#keys) table.clear();
    this.#templates.clear();
    this.lastBadTimestamp = "";
  }

  /** Folds the scanner's current record; returns a {@linkcode FoldOutcome}. */
  fold(
    buf: Uint8Array,
    scanner: RecordFields,
    columns: ColumnMap,
    time: TimestampContext,
  ): number {
    if (scanner.fieldCount !== columns.fieldCount) return FoldOutcome.FIELD_COUNT;
    const { starts, ends, quoting } = scanner;
    const field = this.#field;

    let f = columns.timestamp;
    field.read(buf, starts[f], ends[f], quoting[f]);
    const ts = this.#timestamps(time).parse(field.buf, field.start, field.end);
    if (ts !== ts) {
      this.lastBadTimestamp = field.text();
      return FoldOutcome.BAD_TIMESTAMP;
    }
    f = columns.log_level;
    field.read(buf, starts[f], ends[f], quoting[f]);
    const level = this.#levels.level(field.buf, field.start, field.end);

    const keys = this.#keys;
    f = columns.service;
    if (f < 0) field.read(buf, 0, 0, 0);
    else field.read(buf, starts[f], ends[f], quoting[f]);
    const service = keys[Dim.SERVICE].intern(field.buf, field.start, field.end);
    f = columns.ip;
    if (f < 0) field.read(buf, 0, 0, 0);
    else field.read(buf, starts[f], ends[f], quoting[f]);
    const ip = keys[Dim.IP].intern(field.buf, field.start, field.end);
    f = columns.endpoint;
    if (f < 0) field.read(buf, 0, 0, 0);
    else field.read(buf, starts[f], ends[f], quoting[f]);
    const endpoint = keys[Dim.ENDPOINT].intern(field.buf, field.start, field.end);

    const hour = this.#count(ts, level, service, ip, endpoint);
    if (this.#isError[level] === 1) {
      const m = columns.message;
      const e = columns.error_type;
      this.#foldErrorFields(
        buf,
        starts[m],
        ends[m],
        quoting[m],
        e < 0 ? -1 : starts[e],
        e < 0 ? -1 : ends[e],
        e < 0 ? 0 : quoting[e],
        -1,
        hour,
        level,
        ts,
        service,
      );
    }
    return FoldOutcome.ACCEPTED;
  }

  /**
   * Folds `count` rows the row kernel resolved (see {@linkcode RowKernel}):
   * the same counting as {@linkcode fold}, without parsing (a row the
   * kernel counted already folds only its error part); returns the rows'
   * line feeds.
   */
  foldResolved(buf: Uint8Array, times: Float64Array, rows: Int32Array, count: number): number {
    const isError = this.#isError;
    let newlines = 0;
    for (let r = 0, o = 0; r < count; r++, o += ROW_INTS) {
      const ts = times[r];
      const level = rows[o + RowSlot.LEVEL];
      const service = rows[o + RowSlot.KEY0];
      const hour = rows[o + RowSlot.COUNTED] === 1
        ? this.builder.hourIndex(Math.floor(ts / MS_PER_HOUR))
        : this.#count(ts, level, service, rows[o + RowSlot.KEY1], rows[o + RowSlot.KEY2]);
      if (isError[level] === 1) {
        this.#foldErrorFields(
          buf,
          rows[o + RowSlot.MESSAGE_START],
          rows[o + RowSlot.MESSAGE_END],
          rows[o + RowSlot.MESSAGE_QUOTING],
          rows[o + RowSlot.ERROR_TYPE_START],
          rows[o + RowSlot.ERROR_TYPE_END],
          rows[o + RowSlot.ERROR_TYPE_QUOTING],
          rows[o + RowSlot.TEMPLATE],
          hour,
          level,
          ts,
          service,
        );
      }
      newlines += rows[o + RowSlot.NEWLINES];
    }
    return newlines;
  }

  /**
   * What the row kernel asks this folder for bytes it has not seen: the very
   * tables and caches {@linkcode fold} uses, reading `memory.bytes`. Every
   * call returns the same host, which reads the latest call's memory and time
   * context (a folder scans one partition at a time).
   */
  kernelHost(memory: { readonly bytes: Uint8Array }, time: TimestampContext): RowKernelHost {
    this.#hostMemory = memory;
    this.#hostTime = time;
    // One host per folder, its functions made once: a new set per partition
    // made V8 drop the kernel's callers compiled around the old ones ("wrong
    // call target") and compile them again, partition after partition.
    return this.#host ??= {
      timestamp: (start, end) =>
        this.#timestamps(this.#hostTime).parse(this.#hostMemory.bytes, start, end),
      level: (start, end) => this.#levels.level(this.#hostMemory.bytes, start, end),
      key: (dim, start, end) =>
        this.#keys[KERNEL_DIMS[dim]].intern(this.#hostMemory.bytes, start, end),
      template: (start, end, quoting) => {
        // The kernel remembers the messages it asks about, except those with
        // doubled quotes (and long ones, which the memo does not keep either).
        const message = this.#kernelMessage;
        message.read(this.#hostMemory.bytes, start, end, quoting);
        return quoting === Quoting.ESCAPED
          ? this.#templates.of(message.buf, message.start, message.end)
          : this.#templates.masked(message.buf, message.start, message.end);
      },
    };
  }

  /** Counts an accepted row in every table but the error ones; returns its hour index. */
  #count(ts: number, level: number, service: number, ip: number, endpoint: number): number {
    // Level counts, service cells and the time range are not kept per row:
    // every row lands in exactly one endpoint cell carrying its service, and
    // every row's time widens its service's first/last, so finish() derives them.
    const builder = this.builder;
    const hour = builder.hourIndex(Math.floor(ts / MS_PER_HOUR));
    builder.seenKey(Dim.SERVICE, service, ts, ts);
    builder.addMinute(Math.floor(ts / MS_PER_MINUTE), level, service, 1);
    builder.addKey(Dim.IP, hour, level, ip, 1, ts, ts, service);
    builder.addKey(Dim.ENDPOINT, hour, level, endpoint, 1, ts, ts, service);
    return hour;
  }

  /**
   * Reads an error row's message and error type fields (start -1: none) and
   * folds the error; `template` is the message's when known (the row
   * kernel's), else -1.
   */
  #foldErrorFields(
    buf: Uint8Array,
    messageStart: number,
    messageEnd: number,
    messageQuoting: number,
    typeStart: number,
    typeEnd: number,
    typeQuoting: number,
    template: number,
    hour: number,
    level: number,
    ts: number,
    service: number,
  ): void {
    const message = this.#message;
    message.read(buf, messageStart, messageEnd, messageQuoting);
    let type = -1;
    if (typeStart >= 0) {
      const field = this.#field;
      field.read(buf, typeStart, typeEnd, typeQuoting);
      if (field.end > field.start) {
        type = this.#keys[Dim.ERROR_TYPE].intern(field.buf, field.start, field.end);
      }
    }
    this.#foldError(message, type, template, hour, level, ts, service);
  }

  /**
   * Folds a line parsed by a line format (JSON lines, access log, syslog…).
   * Missing fields count as empty, like a CSV file without that column.
   */
  foldLine(fields: LineFields, format: CompiledLineFormat, time: TimestampContext): number {
    let ts = fields.tsEpochMs ?? NaN;
    if (ts !== ts && fields.ts !== null) {
      if (format.time) ts = format.time(fields.ts, time);
      else {
        const text = this.#text.set(fields.ts);
        ts = this.#timestamps(time).parse(text.buf, text.start, text.end);
      }
    }
    if (ts !== ts) {
      this.lastBadTimestamp = fields.ts ?? "(no timestamp)";
      return FoldOutcome.BAD_TIMESTAMP;
    }
    const builder = this.builder;
    // Most formats map no level names: skip the upper-casing then.
    const levelText = fields.level === null
      ? ""
      : format.levels.size === 0
      ? fields.level
      : format.levels.get(fields.level.toUpperCase()) ?? fields.level;
    let text = this.#text.set(levelText);
    const level = this.#levels.level(text.buf, text.start, text.end);
    const hour = builder.hourIndex(Math.floor(ts / MS_PER_HOUR));
    const keys = this.#keys;
    text = this.#text.set(fields.service ?? "");
    const service = keys[Dim.SERVICE].intern(text.buf, text.start, text.end);
    builder.seenKey(Dim.SERVICE, service, ts, ts);
    builder.addMinute(Math.floor(ts / MS_PER_MINUTE), level, service, 1);
    text = this.#text.set(fields.ip ?? "");
    const ip = keys[Dim.IP].intern(text.buf, text.start, text.end);
    builder.addKey(Dim.IP, hour, level, ip, 1, ts, ts, service);
    text = this.#text.set(fields.endpoint ?? "");
    const endpoint = keys[Dim.ENDPOINT].intern(text.buf, text.start, text.end);
    builder.addKey(Dim.ENDPOINT, hour, level, endpoint, 1, ts, ts, service);
    if (this.#isError[level] === 1) {
      this.#foldError(this.#text.set(fields.message), -1, -1, hour, level, ts, service);
    }
    return FoldOutcome.ACCEPTED;
  }

  /**
   * Counts an error row by type (-1: derive from its template) and template
   * (-1: mask the message for it).
   */
  #foldError(
    message: MessageBytes,
    errorType: number,
    knownTemplate: number,
    hour: number,
    level: number,
    ts: number,
    service: number,
  ): void {
    const template = knownTemplate >= 0
      ? knownTemplate
      : this.#templates.of(message.buf, message.start, message.end);
    const type = errorType >= 0 ? errorType : this.#templates.typeOf(template);

    const builder = this.builder;
    builder.addKey(Dim.ERROR_TYPE, hour, level, type, 1, ts, ts, service);
    builder.addKey(Dim.TEMPLATE, hour, level, template, 1, ts, ts, service);
    const pair = builder.addPair(type, template, 1, ts, ts);
    const wantsPair = builder.pairWantsExample(pair, ts);
    const wantsType = builder.typeWantsExample(type, ts);
    const wantsRecent = builder.pairWantsRecent(pair, ts);
    if (wantsPair || wantsType || wantsRecent) {
      const text = message.text();
      if (wantsPair) builder.offerPairExample(pair, ts, text);
      if (wantsRecent) builder.offerPairRecent(pair, { ts, message: text });
      if (wantsType) builder.offerTypeExample(type, { ts, message: text });
    }
  }

  /** The timestamp cache for `time` (one per context; a partition has one). */
  #timestamps(time: TimestampContext): TimestampCache {
    if (time !== this.#timestampContext || this.#timestampCache === undefined) {
      this.#timestampContext = time;
      this.#timestampCache = new TimestampCache(time);
    }
    return this.#timestampCache;
  }

  /** The partial aggregate of everything folded so far. */
  finish(): ReturnType<AggregateBuilder["finish"]> {
    const builder = this.builder;
    const endpoints = builder.cells[Dim.ENDPOINT];
    const services = builder.cells[Dim.SERVICE];
    for (let cell = 0; cell < endpoints.size; cell++) {
      const service = endpoints.sub[cell];
      const n = endpoints.count[cell];
      services.add(endpoints.hour[cell], endpoints.level[cell], service, n, service);
      builder.addLevel(endpoints.hour[cell], endpoints.level[cell], n);
    }
    const first = builder.first[Dim.SERVICE];
    const last = builder.last[Dim.SERVICE];
    for (let service = 0; service < this.#keys[Dim.SERVICE].size; service++) {
      builder.seenTime(first[service], last[service]);
    }
    // The tables assigned the ids, so their string lists are the builder's key lists.
    this.#keys.forEach((table, dim) => builder.keys[dim] = table.strings);
    builder.templates = this.#templates.strings;
    return builder.finish();
  }
}
