/**
 * The dashboard application: state (filter, snapshot), the refresh loop and
 * the key map. Reads the store and nothing else (never raw logs).
 *
 * @module
 */

// deno-lint-ignore-file no-explicit-any
import blessedModule from "blessed";
import { MissingInputError } from "../lib/cli/exit.ts";
import type { Config } from "../lib/config/schema.ts";
import { storePath } from "../lib/store/open.ts";
import { createZone } from "../lib/time/zone.ts";
import { initialFilter, parseCustomRange, toggleLevel } from "./filter.ts";
import type { DashboardFilter, PresetName } from "./filter.ts";
import { showExamples } from "./examples_box.ts";
import { DashboardScreen } from "./screen.ts";
import { openStoreReader, readSnapshot } from "./snapshot.ts";
import type { StoreSnapshot } from "./snapshot.ts";
import { renderTextFrame } from "./text_frame.ts";
import { buildView } from "./view_model.ts";
import { sanitizeText } from "./sanitize.ts";

const blessed: any = blessedModule;

const PRESET_KEYS: Record<string, PresetName> = { "1": "1h", "2": "24h", "3": "7d", "4": "all" };

function noDataMessage(config: Config): string {
  return `No data yet in ${storePath(config.output.state_dir)}: run \`deno task pipeline\` first.`;
}

/**
 * Renders one frame as text (`--once`); throws {@linkcode MissingInputError}
 * when there is no data yet.
 *
 * @example
 * ```ts
 * import { renderOnce } from "./app.ts";
 * // console.log(renderOnce(config, { width: 120, height: 40 }));
 * ```
 */
export function renderOnce(config: Config, size: { width: number; height: number }): string {
  const db = openStoreReader(config.output.state_dir);
  if (!db) throw new MissingInputError(noDataMessage(config));
  try {
    const snapshot = readSnapshot(db);
    if (!snapshot) throw new MissingInputError(noDataMessage(config));
    const filter = initialFilter();
    return renderTextFrame(buildView(snapshot, filter), filter, {
      ...size,
      refreshSeconds: config.dashboard.refresh_seconds,
    });
  } finally {
    db.close();
  }
}

/**
 * Runs the live dashboard until the user quits; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { runDashboard } from "./app.ts";
 * // Deno.exit(await runDashboard(config));
 * ```
 */
export function runDashboard(config: Config): Promise<number> {
  const ui = new DashboardScreen();
  const screen = ui.screen;
  const time = {
    zone: createZone(config.input.timezone),
    defaultYear: config.input.default_year ?? new Date().getUTCFullYear(),
  };
  let filter: DashboardFilter = initialFilter();
  let snapshot: StoreSnapshot | undefined;
  let db = openStoreReader(config.output.state_dir);
  let message = "";
  let modal = false;

  const redraw = () => {
    if (snapshot) {
      ui.showNotice(null);
      ui.draw(buildView(snapshot, filter));
    } else ui.showNotice(noDataMessage(config));
    ui.drawStatus(filter, config.dashboard.refresh_seconds, message);
    screen.render();
  };

  const refresh = () => {
    try {
      db ??= openStoreReader(config.output.state_dir);
      const next = db ? readSnapshot(db, snapshot) : undefined;
      if (next !== snapshot || !next) {
        snapshot = next;
        redraw();
      }
    } catch (error) {
      // The store may be mid-rebuild or replaced: reopen on the next tick, keep the last view.
      try {
        db?.close();
      } catch { /* already closed */ }
      db = undefined;
      message = `store not readable right now (${
        sanitizeText((error as Error).message)
      }); retrying`;
      redraw();
      message = "";
    }
  };

  const setFilter = (next: DashboardFilter, note = "") => {
    filter = next;
    message = note;
    redraw();
    message = "";
  };

  return new Promise((resolve) => {
    const timer = setInterval(refresh, config.dashboard.refresh_seconds * 1000);
    const quit = () => {
      clearInterval(timer);
      screen.destroy();
      try {
        db?.close();
      } catch { /* closing is best effort */ }
      resolve(0);
    };
    // Any key closes the help overlay, and only closes it.
    let swallow = false;
    screen.on("keypress", () => {
      if (modal || !ui.helpOpen) return;
      ui.toggleHelp(false);
      swallow = true;
      setTimeout(() => swallow = false, 0);
    });
    const guarded =
      (handler: (ch: string, key: { full: string }) => void) =>
      (ch: string, key: { full: string }) => {
        if (modal || swallow) return;
        handler(ch, key);
      };

    screen.key(["C-c"], quit);
    screen.key(["q"], guarded(quit));
    screen.key(["?"], guarded(() => ui.toggleHelp(true)));
    screen.key(
      ["r"],
      guarded(() => {
        snapshot = undefined;
        refresh();
      }),
    );
    screen.key(
      Object.keys(PRESET_KEYS),
      guarded((ch) => setFilter({ ...filter, range: PRESET_KEYS[ch] })),
    );
    screen.key(
      [...DashboardScreen.LEVEL_KEYS],
      guarded((ch) => {
        const level = DashboardScreen.LEVEL_KEYS.indexOf(ch);
        const next = toggleLevel(filter, level);
        setFilter(next, next === filter ? "at least one level must stay on" : "");
      }),
    );
    screen.key(["tab"], guarded(() => ui.moveFocus(1)));
    screen.key(["S-tab"], guarded(() => ui.moveFocus(-1)));
    screen.key(
      ["f"],
      guarded(() => {
        modal = true;
        const prompt = blessed.prompt({
          parent: screen,
          top: "center",
          left: "center",
          width: "70%",
          height: 8,
          border: { type: "line" },
          label: " date range ",
          tags: false,
        });
        prompt.input(
          "FROM..TO (e.g. 2024-01-15 10:00:00..2024-01-16, either side may be empty)",
          "",
          (
            _error: unknown,
            value: string | null,
          ) => {
            prompt.destroy();
            modal = false;
            if (value === null || value === undefined || value.trim() === "") return redraw();
            const result = parseCustomRange(filter, value, time);
            if ("error" in result) {
              setFilter(filter, `range not changed: ${sanitizeText(result.error)}`);
            } else setFilter(result.filter);
          },
        );
      }),
    );
    screen.key(
      ["s"],
      guarded(() => {
        if (!snapshot) return;
        modal = true;
        const services = buildView(snapshot, filter).allServices;
        const list = blessed.list({
          parent: screen,
          top: "center",
          left: "center",
          width: "50%",
          height: Math.min(services.length + 3, 20),
          label: " service (Enter picks, Esc cancels) ",
          border: { type: "line" },
          keys: true,
          vi: true,
          style: { selected: { bg: "cyan", fg: "black" } },
          items: ["(all services)", ...services.map((s) => s === "" ? "(none)" : sanitizeText(s))],
        });
        list.focus();
        const close = () => {
          list.destroy();
          modal = false;
          ui.moveFocus(0);
        };
        list.on("select", (_item: unknown, index: number) => {
          close();
          setFilter({ ...filter, service: index === 0 ? null : services[index - 1] });
        });
        list.key(["escape"], () => {
          close();
          redraw();
        });
        screen.render();
      }),
    );

    ui.onTopError = (row) => {
      if (modal || swallow) return;
      modal = true;
      showExamples(screen, row.template, row.examples, () => {
        modal = false;
        ui.moveFocus(0);
        redraw();
      });
    };

    Deno.addSignalListener("SIGTERM", quit);
    refresh();
    if (!snapshot) redraw();
  });
}
