/**
 * `maskMessage` of `./mask.ts` on raw UTF-8 bytes, for scan workers: class
 * tables instead of regexes and strings, a reused output buffer.
 *
 * The result is byte for byte `encode(maskMessage(decode(bytes)).join(" "))`
 * (`decode` = `new TextDecoder().decode`) for every input, though `mask.ts`
 * counts UTF-16 code units and this counts bytes: the rules look only at ASCII
 * characters, and a non-ASCII character is non-ASCII in both units, so every
 * length test agrees (`letters === n - 1`, `hex === n` fail for any token with
 * one; `n >= 3`, `n <= 5`, `n >= 8` matter only for ASCII tokens; `n > 1`,
 * `i < b - 1` mean "something follows"). Every cut is next to an ASCII
 * character. What decoding changes is undone: one leading BOM is dropped, and
 * invalid UTF-8 (U+FFFD after decoding) is decoded and re-encoded first.
 *
 * @module
 */

import { isValidUtf8 } from "./utf8.ts";
import { MONTH, UNIT, VALUE, WEEKDAY, wordKind } from "./word_kinds.ts";

// Byte classes in one table; the first four are `Kind` of `mask.ts`.
const DIGIT = 1;
const HEX = 2;
const LETTER = 4;
const NAME = 8; // may be part of the `name` in `name=value`
const SPACE = 16;
const LEADING = 32;
const TRAILING = 64;
const HIGH = 128; // not ASCII
const COMMA = 256;

const CLS = new Uint16Array(256);
for (let c = 0x30; c <= 0x39; c++) CLS[c] = DIGIT | HEX | NAME;
for (let c = 0x41; c <= 0x5a; c++) CLS[c] = CLS[c + 32] = LETTER | NAME;
for (let c = 0x80; c <= 0xff; c++) CLS[c] = HIGH;
const add = (chars: string, bits: number) => {
  for (const c of chars) CLS[c.charCodeAt(0)] |= bits;
};
add("abcdefABCDEF", HEX);
add("_-.", NAME);
add("\t\n\v\f\r ", SPACE);
add("([{<\"'", LEADING);
add(",;:.", TRAILING);
add(",", COMMA);
/** The closing byte of each leading bracket or quote. */
const CLOSER = new Uint8Array(256);
for (const [open, close] of ["()", "[]", "{}", "<>", '""', "''"]) {
  CLOSER[open.charCodeAt(0)] = close.charCodeAt(0);
}

const enum B {
  SPACE = 0x20,
  STAR = 0x2a,
  OPEN = 0x28,
  CLOSE = 0x29,
  COMMA = 0x2c,
  DOT = 0x2e,
  SLASH = 0x2f,
  COLON = 0x3a,
  LT = 0x3c,
  EQ = 0x3d,
  GT = 0x3e,
}

// Token flags: what the post-pass of `mask.ts` looks at in masked tokens
// (MONTH, WEEKDAY and UNIT are also word kinds, see `./word_kinds.ts`).
const IS_WILDCARD = 1; // exactly `<*>`
const ENDS_WILDCARD = 2;

const isWordValue = (s: Uint8Array, a: number, n: number) =>
  (n === 4 || n === 5) && wordKind(s, a, a + n) === VALUE;

/** `isVariable` of `mask.ts` on `s[a, b)`. */
function isVariable(s: Uint8Array, a: number, b: number): boolean {
  const n = b - a;
  if (n <= 0) return false;
  let hex = 0;
  let letters = 0;
  let slashes = 0;
  let dots = 0;
  for (let i = a; i < b; i++) {
    const c = s[i];
    const k = CLS[c];
    // A digit anywhere but last rules out the `eth1` exception: variable.
    if (k & DIGIT && i < b - 1) return true;
    if (k & HEX) hex++;
    if (k & LETTER) letters++;
    else if (c === B.SLASH) slashes++;
    else if (c === B.DOT) dots++;
  }
  // `eth1`, `ssh2`, `wl0`: a word with one trailing digit names a thing.
  if (CLS[s[b - 1]] & DIGIT) return !(letters === n - 1 && n >= 3);
  if (n >= 8 && hex === n) return true;
  if (slashes > 0 && ((s[a] === B.SLASH && n > 1) || slashes >= 2 || dots >= 2)) return true;
  return isWordValue(s, a, n);
}

/** Writes `<*>` at `out[at]`. */
function putWildcard(out: Uint8Array, at: number): void {
  out[at] = B.LT;
  out[at + 1] = B.STAR;
  out[at + 2] = B.GT;
}

/** `maskUnits` of `mask.ts`: the end of the unit in token `s[a, e)`, or -1. */
function unitEnd(s: Uint8Array, a: number, e: number): number {
  let b = e;
  while (b > a && CLS[s[b - 1]] & TRAILING) b--;
  if (b > a && s[b - 1] === B.CLOSE) b--; // `(1.2 KB)`
  return wordKind(s, a, b) === UNIT ? b : -1;
}

/** A masked message: `bytes[0, length)`, valid until the next `mask` call. */
export interface MaskedBytes {
  bytes: Uint8Array;
  length: number;
}

const encoder = new TextEncoder();
/** For invalid UTF-8, after the leading BOM is gone. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Masks UTF-8 messages exactly as `maskMessage(message).join(" ")` of
 * `./mask.ts` does (without extra masks), into a reused buffer; a blank
 * message gives length 0.
 *
 * @example
 * ```ts
 * import { ByteMasker } from "./mask_bytes.ts";
 * const masker = new ByteMasker();
 * const msg = new TextEncoder().encode("Accepted uid=0 from 10.0.0.1:22, took 12 ms");
 * const { bytes, length } = masker.mask(msg, 0, msg.length);
 * new TextDecoder().decode(bytes.subarray(0, length)); // "Accepted uid=<*> from <*>, took <*> <*>"
 * ```
 */
export class ByteMasker {
  #out = new Uint8Array(1024);
  #alt = new Uint8Array(1024);
  #len = 0;
  /** Per token: its start in `#out` and its flags. */
  #starts = new Int32Array(64);
  #flags = new Int32Array(64);
  /** The range of the last `#maskCore` that becomes `<*>`. */
  #from = 0;
  #to = 0;
  readonly #result: MaskedBytes = { bytes: this.#out, length: 0 };

  /** Masks `buf[start, end)`. */
  mask(buf: Uint8Array, start: number, end: number): MaskedBytes {
    // `TextDecoder` drops one leading BOM.
    if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb) {
      if (buf[start + 2] === 0xbf) start += 3;
    }
    if (!this.#run(buf, start, end)) {
      const valid = encoder.encode(decoder.decode(buf.subarray(start, end)));
      this.#run(valid, 0, valid.length);
    }
    this.#result.bytes = this.#out;
    this.#result.length = this.#len;
    return this.#result;
  }

  /** Masks valid UTF-8; false (output unusable) if `buf[start, end)` is not. */
  #run(buf: Uint8Array, start: number, end: number): boolean {
    // Each masked range is at least one byte and becomes three.
    const cap = (end - start) * 3 + 16;
    if (this.#out.length < cap) this.#out = new Uint8Array(cap);
    if (this.#flags.length <= (end - start) >> 1) {
      this.#starts = new Int32Array(((end - start) >> 1) + 1);
      this.#flags = new Int32Array(this.#starts.length);
    }
    const out = this.#out;
    const starts = this.#starts;
    const flagsOf = this.#flags;
    let len = 0;
    let count = 0;
    let high = 0;
    let seen = 0;
    let prev = 0;
    let i = start;
    while (i < end) {
      while (i < end && CLS[buf[i]] & SPACE) i++;
      if (i >= end) break;
      if (count > 0) out[len++] = B.SPACE;
      // Copy the token while classifying it; masking patches the copy.
      const t = i;
      const os = len;
      let any = 0;
      let all = 0xffff;
      let head = 0xffff; // `all` but for the last byte
      for (; i < end; i++) {
        const c = buf[i];
        const k = CLS[c];
        if (k & SPACE) break;
        any |= k;
        head = all;
        all &= k;
        out[len++] = c;
      }
      high |= any;
      // Fast path for most tokens: only letters (a name with nothing after
      // it) or only digits, maybe with one trailing `, ; : .`.
      let body = all;
      let core = i - t;
      if (!(all & (LETTER | DIGIT)) && core > 1 && CLS[buf[i - 1]] & TRAILING) {
        body = head;
        core--;
      }
      if (body & (LETTER | DIGIT)) {
        if (body & DIGIT || (core >= 8 && body & HEX) || isWordValue(buf, t, core)) {
          const tail = i - t - core;
          putWildcard(out, os);
          if (tail > 0) out[os + 3] = buf[i - 1];
          len = os + 3 + tail;
        }
      } else {
        this.#len = os;
        this.#maskToken(buf, t, i, (any & COMMA) !== 0);
        len = this.#len;
      }
      const n = len - os;
      let flags = 0;
      if (n >= 3 && out[len - 1] === B.GT && out[len - 2] === B.STAR && out[len - 3] === B.LT) {
        flags = n === 3 ? IS_WILDCARD | ENDS_WILDCARD : ENDS_WILDCARD;
      } else if (n === 3) {
        flags = wordKind(out, os, len) & (MONTH | WEEKDAY);
      }
      // A unit matters only after a token that ends with `<*>` or may come to.
      const before = ENDS_WILDCARD | MONTH | WEEKDAY | UNIT;
      if (prev & before && unitEnd(out, os, len) >= 0) flags |= UNIT;
      starts[count] = os;
      flagsOf[count++] = flags;
      seen |= flags;
      prev = flags;
    }
    this.#len = len;
    if (high & HIGH && !isValidUtf8(buf, start, end)) return false;
    // `maskDateNames`: months, then weekdays; `<*>` is as long as a name.
    for (let kind = MONTH; kind <= WEEKDAY && seen & (MONTH | WEEKDAY); kind <<= 1) {
      for (let j = 0; j < count; j++) {
        if (!(flagsOf[j] & kind)) continue;
        const next = j + 1 < count && flagsOf[j + 1] & IS_WILDCARD;
        if ((j > 0 && flagsOf[j - 1] & IS_WILDCARD) || next) {
          putWildcard(out, starts[j]);
          flagsOf[j] = IS_WILDCARD | ENDS_WILDCARD;
        }
      }
    }
    if (seen & UNIT) this.#units(count);
    return true;
  }

  /**
   * `maskToken` of `mask.ts` on `buf[s, e)`, already copied to `#out` at
   * `#len`: patches the copy and moves `#len` to its end.
   */
  #maskToken(buf: Uint8Array, s: number, e: number, commas: boolean): void {
    let a = s;
    let b = e;
    while (a < b && CLS[buf[a]] & LEADING) a++;
    while (b > a && CLS[buf[b - 1]] & TRAILING) b--;
    // A closing bracket stays outside the core only if it closes a leading one.
    for (let open = a - 1; open >= s && b > a; open--) {
      if (buf[b - 1] !== CLOSER[buf[open]]) break;
      b--;
    }
    let comma = commas ? a : b;
    while (comma < b && buf[comma] !== B.COMMA) comma++;
    if (comma < b) {
      // Item by item; items hold no comma, so they never come back here.
      this.#len += a - s;
      for (let item = a;; comma++) {
        while (comma < b && buf[comma] !== B.COMMA) comma++;
        if (comma > item) {
          this.#copy(buf, item, comma);
          this.#len -= comma - item;
          this.#maskToken(buf, item, comma, false);
        }
        if (comma >= b) break;
        this.#out[this.#len++] = B.COMMA;
        item = comma + 1;
      }
      this.#copy(buf, b, e);
    } else if (a < b && this.#maskCore(buf, a, b)) {
      const at = this.#len + this.#from - s;
      putWildcard(this.#out, at);
      this.#len = at + 3;
      this.#copy(buf, this.#to, e);
    } else {
      this.#len += e - s;
    }
  }

  /**
   * `maskCore` of `mask.ts`, its tail recursion as a loop: true if
   * `buf[#from, #to)`, inside `buf[a, b)`, becomes `<*>`.
   */
  #maskCore(buf: Uint8Array, a: number, b: number): boolean {
    for (;;) {
      if (a < b && CLS[buf[a]] & LETTER) {
        // Scan a name; what follows it decides whether it is `name<sep>value`.
        let i = a + 1;
        let dotted = false; // `host.name:port` is no `name:value`
        for (; i < b && CLS[buf[i]] & NAME; i++) {
          if (buf[i] !== B.DOT) continue;
          if (i + 1 < b && buf[i + 1] === B.DOT) break;
          dotted = true;
        }
        if (i < b - 1) {
          const c = buf[i];
          let from = -1;
          let to = b;
          if (c === B.EQ) from = i + 1;
          else if (c === B.COLON && !dotted && buf[i + 1] !== B.SLASH) from = i + 1;
          else if (c === B.OPEN && buf[b - 1] === B.CLOSE) {
            from = i + 1;
            to = b - 1;
          } else if (c === B.DOT) {
            from = i;
            while (from < b && buf[from] === B.DOT) from++;
          }
          if (from > 0) {
            if (isVariable(buf, from, to)) {
              this.#from = from;
              this.#to = to;
              return true;
            }
            if (from >= to) return false;
            a = from;
            b = to;
            continue;
          }
        }
      }
      if (!isVariable(buf, a, b)) return false;
      this.#from = a;
      this.#to = b;
      return true;
    }
  }

  /** `maskUnits`: lengths change, so the output is rebuilt into `#alt`. */
  #units(count: number): void {
    const flags = this.#flags;
    const src = this.#out;
    if (this.#alt.length < src.length) this.#alt = new Uint8Array(src.length);
    const dst = this.#alt;
    let len = 0;
    for (let i = 0; i < count; i++) {
      if (i > 0) dst[len++] = B.SPACE;
      let from = this.#starts[i];
      const e = i + 1 < count ? this.#starts[i + 1] - 1 : this.#len;
      if (i > 0 && flags[i] & UNIT && flags[i - 1] & ENDS_WILDCARD) {
        putWildcard(dst, len);
        len += 3;
        from = unitEnd(src, from, e);
        // `<*>` and what followed the unit: it ends with `<*>` if nothing did.
        flags[i] = from === e ? ENDS_WILDCARD : 0;
      }
      for (let k = from; k < e; k++) dst[len++] = src[k];
    }
    this.#alt = src;
    this.#out = dst;
    this.#len = len;
  }

  #copy(buf: Uint8Array, a: number, b: number): void {
    const out = this.#out;
    let len = this.#len;
    for (let k = a; k < b; k++) out[len++] = buf[k];
    this.#len = len;
  }
}
