/**
 * What stages print. Every message passes through {@linkcode escapeControl},
 * so text that came from logs (file names, reasons, raw rows) can never drive
 * the operator's terminal.
 *
 * @module
 */

import { escapeControl } from "../cli/sanitize.ts";

const encoder = new TextEncoder();

/**
 * Where a stage reports to: progress and notes on stderr, results on stdout.
 *
 * @example
 * ```ts
 * import { createConsole } from "./console.ts";
 * const out = createConsole();
 * out.note("3 files found");
 * ```
 */
export interface StageConsole {
  /** A line for the operator (stderr). */
  note(message: string): void;
  /** A result line (stdout). */
  print(message: string): void;
  /** Progress of a long step; drawn only on a terminal. */
  progress(label: string, done: number, total: number): void;
  /** Ends a progress line. */
  endProgress(): void;
}

/** A console writing to the process's stdout/stderr; `quiet` silences notes and progress. */
export function createConsole(options: { quiet?: boolean } = {}): StageConsole {
  const tty = Deno.stderr.isTerminal();
  let drawn = false;
  let lastDraw = 0;
  const write = (stream: typeof Deno.stderr, text: string) =>
    stream.writeSync(encoder.encode(text));
  return {
    note(message) {
      if (options.quiet) return;
      if (drawn) this.endProgress();
      write(Deno.stderr, escapeControl(message) + "\n");
    },
    print(message) {
      if (drawn) this.endProgress();
      write(Deno.stdout, escapeControl(message) + "\n");
    },
    progress(label, done, total) {
      if (!tty || options.quiet) return;
      const now = performance.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const share = total > 0 ? done / total : 1;
      const filled = Math.round(share * width);
      const bar = "#".repeat(filled) + "-".repeat(width - filled);
      write(
        Deno.stderr,
        `\r${escapeControl(label)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%`,
      );
      drawn = true;
    },
    endProgress() {
      if (!drawn) return;
      drawn = false;
      write(Deno.stderr, "\n");
    },
  };
}
