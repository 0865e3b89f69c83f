/**
 * Time zones for naive timestamps: `UTC`, fixed offsets (`+05:30`, `-0800`)
 * and IANA names (`Europe/Berlin`) via `Intl`, with the offset cached per
 * local hour so the hot path does no `Intl` work after the first row of an hour.
 *
 * @module
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** A time zone that turns local wall-clock milliseconds into UTC milliseconds. */
export interface Zone {
  /** The name it was created from. */
  readonly name: string;
  /** UTC ms of a local wall-clock time given as if it were UTC ms. */
  toUtc(localMs: number): number;
  /** Whether the offset never changes (UTC, `+05:30`): `toUtc` is then `localMs` minus a constant. */
  readonly fixedOffset: boolean;
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Creates a zone; throws a RangeError for an unknown name.
 *
 * @example
 * ```ts
 * import { createZone } from "./zone.ts";
 * createZone("+02:00").toUtc(Date.UTC(2024, 0, 1, 12)) === Date.UTC(2024, 0, 1, 10); // true
 * ```
 */
export function createZone(name: string): Zone {
  const trimmed = name.trim();
  if (/^(utc|z|gmt|etc\/utc)$/i.test(trimmed)) {
    return {
      name,
      toUtc: (ms) => ms,
      fixedOffset: true,
    };
  }
  const fixed = OFFSET.exec(trimmed);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 23 || minutes > 59) throw new RangeError(`invalid UTC offset "${name}"`);
    const offset = (fixed[1] === "-" ? -1 : 1) * (hours * 60 + minutes) * MS_PER_MINUTE;
    return { name, toUtc: (ms) => ms - offset, fixedOffset: true };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: trimmed,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new RangeError(
      `unknown time zone "${name}" (use UTC, an offset like +02:00, or an IANA name like Europe/Berlin)`,
    );
  }
  return new IanaZone(name, format);
}

/** An IANA zone: offsets from `Intl`, cached per local hour. */
class IanaZone implements Zone {
  readonly fixedOffset = false;
  readonly #cache = new Map<number, number>();

  constructor(readonly name: string, readonly format: Intl.DateTimeFormat) {}

  toUtc(localMs: number): number {
    const hour = Math.floor(localMs / MS_PER_HOUR);
    let offset = this.#cache.get(hour);
    if (offset === undefined) {
      offset = this.#offsetOfLocal(hour * MS_PER_HOUR);
      // An offset change inside the local hour (Lord Howe's 30-minute DST,
      // 00:01 transitions): NaN marks the hour as resolved per call.
      if (this.#offsetOfLocal((hour + 1) * MS_PER_HOUR - 1000) !== offset) offset = NaN;
      this.#cache.set(hour, offset);
    }
    return localMs - (offset === offset ? offset : this.#offsetOfLocal(localMs));
  }

  /**
   * The offset of a local time: guess with the offset at the local time read
   * as UTC, then correct once. Right everywhere except inside a DST gap (a
   * wall time that does not exist), which lands on one side of the gap.
   */
  #offsetOfLocal(localMs: number): number {
    return this.#offsetAt(localMs - this.#offsetAt(localMs));
  }

  /** The zone's offset from UTC at a UTC instant, in ms. */
  #offsetAt(utcMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(utcMs)) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year,
      parts.month - 1,
      parts.day,
      parts.hour,
      parts.minute,
      parts.second,
    );
    return wall - Math.floor(utcMs / 1000) * 1000;
  }
}
