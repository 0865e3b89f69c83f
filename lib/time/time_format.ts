/**
 * Timestamp formats spelled like strftime, for logs whose timestamps no
 * general parser can guess (`081109 203615` is HDFS's yymmdd HHMMSS). A
 * format compiles once into a parser from text to UTC epoch milliseconds.
 *
 * Directives: `%Y` year, `%y` two-digit year (69–99 → 19xx, else 20xx), `%m`
 * month, `%d` day (may be space-padded), `%H` `%M` `%S` time, `%f` fraction
 * of a second (1–9 digits), `%b` month name (`Jan`, `January`), `%a` weekday
 * name (checked, not used), `%s` epoch seconds (fraction allowed), `%z` UTC
 * offset (`+0200`, `+02:00`, `Z`), `%%` a percent sign. A space matches one
 * or more blanks; anything else matches itself. Without `%Y`/`%y` the
 * context's default year applies; without `%z` the context's zone.
 *
 * @module
 */

import type { TimestampContext } from "./timestamp.ts";

/** Parses a timestamp's text; NaN when it does not fit the format. */
export type TimeFormatParser = (text: string, ctx: TimestampContext) => number;

const MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];

const PIECES: Record<string, string> = {
  Y: "(?<Y>\\d{4})",
  y: "(?<y>\\d{2})",
  m: "(?<m>\\d{1,2})",
  d: " ?(?<d>\\d{1,2})",
  H: "(?<H>\\d{1,2})",
  M: "(?<M>\\d{1,2})",
  S: "(?<S>\\d{1,2})",
  f: "(?<f>\\d{1,9})",
  b: "(?<b>[A-Za-z]{3,9})",
  a: "(?:[A-Za-z]{3,9})",
  s: "(?<s>\\d+(?:\\.\\d+)?)",
  z: "(?<z>Z|[+-]\\d{2}:?\\d{2})",
};

/**
 * Compiles a format; throws a SyntaxError naming an unknown directive.
 *
 * @example
 * ```ts
 * import { compileTimeFormat } from "./time_format.ts";
 * import { createZone } from "./zone.ts";
 * const parse = compileTimeFormat("%y%m%d %H%M%S");
 * parse("081109 203615", { zone: createZone("UTC"), defaultYear: 2024 }); // Date.UTC(2008, 10, 9, 20, 36, 15)
 * ```
 */
export function compileTimeFormat(format: string): TimeFormatParser {
  let source = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "%") {
      const directive = format[++i];
      if (directive === "%") source += "%";
      else if (directive !== undefined && directive in PIECES) {
        if (source.includes(`(?<${directive}>`)) {
          throw new SyntaxError(`time format "${format}": %${directive} appears twice`);
        }
        source += PIECES[directive];
      } else {
        throw new SyntaxError(
          `time format "${format}": unknown directive %${directive ?? ""} (known: ${
            Object.keys(PIECES).map((d) => `%${d}`).join(" ")
          } %%)`,
        );
      }
    } else if (c === " ") source += "\\s+";
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const regex = new RegExp(`^\\s*${source}\\s*$`);
  return (text, ctx) => {
    const g = regex.exec(text)?.groups;
    if (!g) return NaN;
    if (g.s !== undefined) return Math.round(Number(g.s) * 1000);
    const year = g.Y !== undefined
      ? Number(g.Y)
      : g.y !== undefined
      ? (Number(g.y) >= 69 ? 1900 : 2000) + Number(g.y)
      : ctx.defaultYear;
    let month = g.m !== undefined ? Number(g.m) - 1 : 0;
    if (g.b !== undefined) {
      month = MONTHS.indexOf(g.b.slice(0, 3).toLowerCase());
      if (month < 0) return NaN;
    }
    const day = g.d !== undefined ? Number(g.d) : 1;
    const hour = Number(g.H ?? 0);
    const minute = Number(g.M ?? 0);
    const second = Number(g.S ?? 0);
    if (month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
    const ms = g.f !== undefined ? Math.floor(Number(`0.${g.f}`) * 1000) : 0;
    const local = Date.UTC(year, month, day, hour, minute, second, ms);
    if (new Date(local).getUTCDate() !== day) return NaN; // e.g. 31 April
    if (g.z === undefined) return ctx.zone.toUtc(local);
    if (g.z === "Z") return local;
    const sign = g.z[0] === "-" ? -1 : 1;
    const digits = g.z.slice(1).replace(":", "");
    return local - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  };
}
