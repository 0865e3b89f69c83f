/**
 * Message templates by masking: variable parts of a message (numbers, hex
 * ids, UUIDs, IPs, quoted values) become `<*>` so messages that differ only
 * by them group together. Works on bytes into a reused buffer.
 *
 * Rules: tokens are split on whitespace and on `, ; ( ) [ ] { } < > | = / \`
 * and quotes. A token containing a digit, or made of ≥ 8 hex digits, becomes
 * `<*>` (a trailing `.` or `:` is kept). A double-quoted value becomes
 * `"<*>"`, a single-quoted value starting a token `'<*>'`. Whitespace runs
 * collapse to one space and the ends are trimmed; an empty message becomes
 * `(empty message)`.
 *
 * @module
 */

/** The placeholder for a variable part. */
export const WILDCARD = "<*>";

/** The template of a message with no text. */
export const EMPTY_MESSAGE = "(empty message)";

const enum Byte {
  SPACE = 0x20,
  TAB = 0x09,
  LF = 0x0a,
  CR = 0x0d,
  DQUOTE = 0x22,
  SQUOTE = 0x27,
  DOT = 0x2e,
  COLON = 0x3a,
}

/** 1 = whitespace, 2 = delimiter (kept, splits tokens), 0 = token byte. */
const CLASS = new Uint8Array(256);
for (const c of [Byte.SPACE, Byte.TAB, Byte.LF, Byte.CR, 0x0b, 0x0c]) CLASS[c] = 1;
for (const c of ",;()[]{}<>|=/\\") CLASS[c.charCodeAt(0)] = 2;
CLASS[Byte.DQUOTE] = 2;
CLASS[Byte.SQUOTE] = 2;

const IS_DIGIT = new Uint8Array(256);
const IS_HEX = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) IS_DIGIT[c] = IS_HEX[c] = 1;
for (const c of "abcdefABCDEF") IS_HEX[c.charCodeAt(0)] = 1;

const WILDCARD_BYTES = new TextEncoder().encode(WILDCARD);
const EMPTY_BYTES = new TextEncoder().encode(EMPTY_MESSAGE);

/** A masked template: `bytes[0, length)`, valid until the next `mask` call. */
export interface MaskedTemplate {
  bytes: Uint8Array;
  length: number;
}

/**
 * Masks messages into a reused buffer.
 *
 * @example
 * ```ts
 * import { TemplateMasker } from "./template.ts";
 * const masker = new TemplateMasker();
 * const msg = new TextEncoder().encode("Connection refused to 10.0.0.9:5432");
 * const { bytes, length } = masker.mask(msg, 0, msg.length);
 * new TextDecoder().decode(bytes.subarray(0, length)); // "Connection refused to <*>"
 * ```
 */
export class TemplateMasker {
  #out = new Uint8Array(1024);
  #length = 0;
  readonly #result: MaskedTemplate = { bytes: this.#out, length: 0 };

  /** Masks `buf[start, end)`. */
  mask(buf: Uint8Array, start: number, end: number): MaskedTemplate {
    // Masking never lengthens a token by more than "<*>" minus one byte, plus quotes.
    if (this.#out.length < (end - start) * 3 + 16) {
      this.#out = new Uint8Array((end - start) * 3 + 16);
    }
    this.#length = 0;
    let pendingSpace = false;
    let i = start;
    while (i < end) {
      const byte = buf[i];
      const cls = CLASS[byte];
      if (cls === 1) {
        pendingSpace = this.#length > 0;
        i++;
        continue;
      }
      if (pendingSpace) {
        this.#push(Byte.SPACE);
        pendingSpace = false;
      }
      if (cls === 2) {
        if (byte === Byte.DQUOTE || (byte === Byte.SQUOTE && this.#atTokenStart())) {
          const close = buf.indexOf(byte, i + 1);
          if (close >= 0 && close < end) {
            this.#push(byte);
            this.#pushWildcard();
            this.#push(byte);
            i = close + 1;
            continue;
          }
        }
        this.#push(byte);
        i++;
        continue;
      }
      let tokenEnd = i;
      let digits = 0;
      let hex = 0;
      while (tokenEnd < end && CLASS[buf[tokenEnd]] === 0) {
        digits |= IS_DIGIT[buf[tokenEnd]];
        hex += IS_HEX[buf[tokenEnd]];
        tokenEnd++;
      }
      // The trailing `.`/`:` is not part of the value (and not hex), so the
      // hex test is on the token without it: "session deadbeef." is masked.
      let keepFrom = tokenEnd;
      while (
        keepFrom > i && (buf[keepFrom - 1] === Byte.DOT || buf[keepFrom - 1] === Byte.COLON)
      ) keepFrom--;
      const length = keepFrom - i;
      if (digits === 1 || (hex === length && length >= 8)) {
        this.#pushWildcard();
        for (let k = keepFrom; k < tokenEnd; k++) this.#push(buf[k]);
      } else {
        for (let k = i; k < tokenEnd; k++) this.#push(buf[k]);
      }
      i = tokenEnd;
    }
    if (this.#length === 0) {
      this.#out.set(EMPTY_BYTES);
      this.#length = EMPTY_BYTES.length;
    }
    this.#result.bytes = this.#out;
    this.#result.length = this.#length;
    return this.#result;
  }

  #atTokenStart(): boolean {
    if (this.#length === 0) return true;
    const last = this.#out[this.#length - 1];
    return CLASS[last] !== 0;
  }

  #push(byte: number): void {
    this.#out[this.#length++] = byte;
  }

  #pushWildcard(): void {
    this.#out.set(WILDCARD_BYTES, this.#length);
    this.#length += WILDCARD_BYTES.length;
  }
}

const textMasker = new TemplateMasker();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * {@linkcode TemplateMasker.mask} for a string.
 *
 * @example
 * ```ts
 * import { maskTemplateText } from "./template.ts";
 * maskTemplateText("Request timed out after 30 s"); // "Request timed out after <*> s"
 * ```
 */
export function maskTemplateText(message: string): string {
  const bytes = encoder.encode(message);
  const { bytes: out, length } = textMasker.mask(bytes, 0, bytes.length);
  return decoder.decode(out.subarray(0, length));
}
