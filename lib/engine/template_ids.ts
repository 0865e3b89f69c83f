/**
 * A partition's error templates: message bytes to template ids (masked,
 * interned, remembered by bytes) and each template to the error type its
 * rules give. Part of a {@linkcode RowFolder}; ids are the partition's own.
 *
 * @module
 */

import { StringTable } from "../aggregate/string_table.ts";
import { ErrorTypeClassifier } from "../classify/error_type.ts";
import type { ErrorTypeRule } from "../classify/error_type.ts";
import { TemplateMasker } from "../classify/template.ts";
import { TemplateMemo } from "../classify/template_memo.ts";

const encoder = new TextEncoder();

/**
 * Template ids of messages, and error type ids of templates.
 *
 * @example
 * ```ts
 * import { TemplateIds } from "./template_ids.ts";
 * import { StringTable } from "../aggregate/string_table.ts";
 * const types = new StringTable();
 * const templates = new TemplateIds([{ name: "Timeout", pattern: "timed out", flags: "i" }], types);
 * const bytes = new TextEncoder().encode("Request 42 timed out");
 * const id = templates.of(bytes, 0, bytes.length);
 * templates.strings[id]; // "Request <*> timed out"
 * types.strings[templates.typeOf(id)]; // "Timeout"
 * ```
 */
export class TemplateIds {
  readonly #templates = new StringTable();
  /** Error type id per template id (-1 = not classified yet). */
  #typeOfTemplate: Int32Array = new Int32Array(256).fill(-1);
  readonly #classifier: ErrorTypeClassifier;
  readonly #masker = new TemplateMasker();
  readonly #memo = new TemplateMemo();
  /** The error type key table the types are interned in (the folder's). */
  readonly #types: StringTable;

  constructor(rules: readonly ErrorTypeRule[], types: StringTable) {
    this.#classifier = new ErrorTypeClassifier(rules);
    this.#types = types;
  }

  /** Forgets every template, for another partition (keeping the tables' capacity). */
  clear(): void {
    this.#templates.clear();
    this.#typeOfTemplate.fill(-1);
    this.#memo.clear();
  }

  /** Template strings by id. */
  get strings(): string[] {
    return this.#templates.strings;
  }

  /** The template id of the message `buf[start, end)`: remembered, or masked and interned. */
  of(buf: Uint8Array, start: number, end: number): number {
    const memo = this.#memo;
    const hash = memo.hash(buf, start, end);
    let template = memo.get(buf, start, end, hash);
    if (template < 0) {
      template = this.masked(buf, start, end);
      memo.set(buf, start, end, hash, template);
    }
    return template;
  }

  /** The template id of the message `buf[start, end)`, masking it (for callers that remember it). */
  masked(buf: Uint8Array, start: number, end: number): number {
    const masked = this.#masker.mask(buf, start, end);
    return this.#templates.intern(masked.bytes, 0, masked.length);
  }

  /** The rule-derived error type of a template, classified once per distinct template. */
  typeOf(template: number): number {
    if (template >= this.#typeOfTemplate.length) {
      const next = new Int32Array(this.#typeOfTemplate.length * 2).fill(-1);
      next.set(this.#typeOfTemplate);
      this.#typeOfTemplate = next;
    }
    let type = this.#typeOfTemplate[template];
    if (type < 0) {
      const bytes = encoder.encode(this.#classifier.classify(this.#templates.strings[template]));
      type = this.#types.intern(bytes, 0, bytes.length);
      this.#typeOfTemplate[template] = type;
    }
    return type;
  }
}
