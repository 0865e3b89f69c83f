/**
 * Number and time formats shared by the blessed screen and the text frame.
 *
 * @module
 */

/**
 * An integer with thousands separators.
 *
 * @example
 * ```ts
 * import { formatCount } from "./format.ts";
 * formatCount(1234567); // "1,234,567"
 * ```
 */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A ratio as a percentage with two decimals.
 *
 * @example
 * ```ts
 * import { formatPercent } from "./format.ts";
 * formatPercent(0.158751); // "15.88%"
 * ```
 */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

/**
 * UTC ms as `YYYY-MM-DD HH:MM` (or `—` for NaN).
 *
 * @example
 * ```ts
 * import { formatMinute } from "./format.ts";
 * formatMinute(Date.UTC(2024, 0, 15, 10)); // "2024-01-15 10:00"
 * ```
 */
export function formatMinute(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * A trend bucket's axis label: `MM-DD HHh` per hour, `MM-DD` per day.
 *
 * @example
 * ```ts
 * import { formatBucket } from "./format.ts";
 * formatBucket(Date.UTC(2024, 0, 15, 10), "hour"); // "01-15 10h"
 * ```
 */
export function formatBucket(ms: number, bucket: "hour" | "day"): string {
  const iso = new Date(ms).toISOString();
  return bucket === "day" ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
}
