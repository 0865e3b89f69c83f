/**
 * Display-safe text for the dashboard: every piece of log text (messages,
 * services, IPs, templates) passes through here before it reaches blessed or
 * stdout, so a log line cannot move the cursor, retitle the window, ring the
 * bell or change colours. Also measures and fits text by terminal columns
 * (wide CJK/emoji = 2, combining marks = 0) so tables stay aligned.
 *
 * @module
 */

// Matching control characters is this module's purpose.
// deno-lint-ignore-file no-control-regex

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ … BEL or ST),
// and two-byte escapes (ESC + one char). The C1 single-byte forms are removed by CONTROL below.
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_](?:[^\u0007\u001b]|\u001b(?!\\))*(?:\u0007|\u001b\\)?|[\s\S]?)/g;
// C1 string controls (CSI/OSC/DCS… as single bytes) with their payloads.
const C1_SEQUENCE =
  /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u009c\u001b]*[\u0007\u009c]?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes escape sequences and control characters; line breaks and tabs
 * become single spaces (a panel row is one line).
 *
 * @example
 * ```ts
 * import { sanitizeText } from "./sanitize.ts";
 * sanitizeText("ok\u001b]0;pwned\u0007 \u001b[2Jdone\nnext"); // "ok done next"
 * ```
 */
export function sanitizeText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, "")
    .replace(C1_SEQUENCE, "")
    .replace(/[\r\n\t\v\f\u2028\u2029]+/g, " ")
    .replace(CONTROL, "");
}

/**
 * Escapes blessed's `{tag}` markup so log text is shown literally in
 * widgets that use tags.
 *
 * @example
 * ```ts
 * import { escapeTags } from "./sanitize.ts";
 * escapeTags("{red-fg}x{/}"); // "{open}red-fg{close}x{open}/{close}"
 * ```
 */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => c === "{" ? "{open}" : "{close}");
}

/** The terminal width of one code point: 0 (combining, zero-width), 1 or 2 (wide). */
export function codePointWidth(cp: number): number {
  if (
    (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200b ||
    cp === 0x200c || cp === 0x200d || cp === 0xfeff
  ) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

/**
 * The number of terminal columns `text` occupies.
 *
 * @example
 * ```ts
 * import { displayWidth } from "./sanitize.ts";
 * displayWidth("日本"); // 4
 * displayWidth("e\u0301"); // 1
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += codePointWidth(char.codePointAt(0)!);
  return width;
}

/**
 * Cuts or pads `text` to exactly `width` columns; a cut ends in `…`.
 * `align: "right"` pads on the left (numbers).
 *
 * @example
 * ```ts
 * import { fitWidth } from "./sanitize.ts";
 * fitWidth("abcdef", 4); // "abc…"
 * fitWidth("日本語", 5); // "日本…"
 * fitWidth("7", 3, "right"); // "  7"
 * ```
 */
export function fitWidth(text: string, width: number, align: "left" | "right" = "left"): string {
  if (width <= 0) return "";
  const total = displayWidth(text);
  if (total <= width) {
    const pad = " ".repeat(width - total);
    return align === "right" ? pad + text : text + pad;
  }
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = codePointWidth(char.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + "…" + " ".repeat(width - 1 - used);
}
