/**
 * The top-errors drill-down: a scrollable overlay listing a template's
 * example lines, newest first. Lines are sanitised like every other text: a
 * hostile log line cannot reach the terminal as escape sequences.
 *
 * @module
 */

// deno-lint-ignore-file no-explicit-any

import blessedModule from "blessed";
import { formatMinute } from "./format.ts";
import { sanitizeText } from "./sanitize.ts";
import type { TemplateExample } from "./snapshot.ts";

const blessed = blessedModule as any;

/**
 * Opens the overlay on `screen`; Esc, Enter or q closes it and calls `onClose`.
 *
 * @example
 * ```ts
 * import { showExamples } from "./examples_box.ts";
 * // showExamples(screen, "Connection refused to <*>", examples, () => redraw());
 * ```
 */
export function showExamples(
  screen: any,
  template: string,
  examples: readonly TemplateExample[],
  onClose: () => void,
): void {
  const lines = examples.length === 0
    ? ["(no example kept)"]
    : examples.map((e) => `${formatMinute(e.ts)}  ${sanitizeText(e.message)}`);
  const box = blessed.box({
    parent: screen,
    top: "center",
    left: "center",
    width: "90%",
    height: Math.min(lines.length + 4, Math.max(6, (screen.height as number) - 4)),
    label: ` Examples: ${sanitizeText(template).slice(0, 60)} (Esc closes) `,
    content: [`template: ${sanitizeText(template)}`, "", ...lines].join("\n"),
    tags: false,
    border: { type: "line" },
    style: { border: { fg: "green" } },
    keys: true,
    vi: true,
    scrollable: true,
    alwaysScroll: true,
    scrollbar: { ch: " ", style: { bg: "green" } },
  });
  box.focus();
  box.key(["escape", "enter", "q"], () => {
    box.destroy();
    onClose();
  });
  screen.render();
}
