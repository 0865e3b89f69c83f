/**
 * The live dashboard's widgets (blessed + blessed-contrib) and how a
 * {@linkcode DashboardView} is drawn into them. This is the blessed
 * boundary: widget objects are untyped here and nowhere else. Every piece of
 * log text is sanitised and tag-escaped before it reaches a widget.
 *
 * @module
 */

// deno-lint-ignore-file no-explicit-any
import blessedModule from "blessed";
import contribModule from "blessed-contrib";
import { LEVEL_NAMES } from "../lib/model/level.ts";
import { describeFilter } from "./filter.ts";
import type { DashboardFilter } from "./filter.ts";
import { formatBucket, formatCount, formatMinute, formatPercent } from "./format.ts";
import { escapeTags, fitWidth, sanitizeText } from "./sanitize.ts";
import type { DashboardView } from "./view_model.ts";

/** Shown by `?`. */
export const KEY_HELP = [
  "q, Ctrl-C    quit",
  "?            this help (any key closes it)",
  "r            refresh now",
  "1 2 3 4      last hour, 24 hours, 7 days, all (to the newest log)",
  "f            custom range FROM..TO (either side may be empty)",
  "d i w e c u  toggle DEBUG INFO WARN ERROR CRITICAL UNKNOWN",
  "s            pick one service, or all",
  "Tab, S-Tab   next/previous table; arrows scroll it",
  "Enter        on a top error: its example lines",
];

const SEVERITY_COLOUR: Record<string, string> = {
  CRITICAL: "red",
  HIGH: "magenta",
  MEDIUM: "yellow",
  LOW: "cyan",
};

// The boundary: blessed's typings do not know blessed-contrib's layout options; use them untyped.
const blessed: any = blessedModule;
const contrib: any = contribModule;

/** A bordered panel with a header line and a scrollable list of pre-aligned rows. */
function tablePanel(label: string): any {
  const box = blessed.box({ label, border: { type: "line" }, style: { border: { fg: "cyan" } } });
  box.header = blessed.box({
    parent: box,
    top: 0,
    left: 0,
    right: 0,
    height: 1,
    style: { bold: true },
  });
  box.list = blessed.list({
    parent: box,
    top: 1,
    left: 0,
    right: 0,
    bottom: 0,
    keys: true,
    vi: true,
    style: { selected: { inverse: true } },
  });
  box.on("focus", () => box.list.focus());
  return box;
}

/** A table column: its title, share of the spare width (0 = fixed) and alignment. */
interface Column {
  title: string;
  width: number;
  align?: "left" | "right";
}

/**
 * Fills a table panel. Cells are fitted by terminal columns (wide and
 * combining characters included), so columns stay aligned whatever the text.
 */
function setTable(panel: any, columns: Column[], rows: string[][]): void {
  const inner = Math.max(10, (panel.width as number) - 2);
  const fixed = columns.reduce((sum, c) => sum + (c.width > 0 ? c.width : 0), 0) + columns.length -
    1;
  // Flexible columns share the spare width; the first gets the larger part.
  const flexCount = columns.filter((c) => c.width === 0).length;
  const spare = Math.max(4 * flexCount, inner - fixed);
  let flexIndex = 0;
  const widths = columns.map((c) => {
    if (c.width > 0) return c.width;
    const share = flexCount === 1
      ? spare
      : flexIndex++ === 0
      ? Math.ceil(spare * 0.55)
      : Math.floor((spare - Math.ceil(spare * 0.55)) / (flexCount - 1));
    return share;
  });
  const line = (cells: string[]) =>
    cells.map((cell, i) => fitWidth(cell, widths[i], columns[i].align)).join(" ");
  panel.header.setContent(line(columns.map((c) => c.title)));
  const selected = panel.list.selected ?? 0;
  panel.list.setItems(rows.map((row) => line(row.map(sanitizeText))));
  panel.list.select(Math.min(selected, Math.max(0, rows.length - 1)));
}

/** Text safe for a tag-enabled widget. */
function safe(text: string): string {
  return escapeTags(sanitizeText(text));
}

/** The widgets of one dashboard screen. */
export class DashboardScreen {
  readonly screen: any;
  readonly #metrics: any;
  readonly #trend: any;
  readonly #levels: any;
  readonly #types: any;
  readonly #services: any;
  readonly #ips: any;
  readonly #topErrors: any;
  readonly #alerts: any;
  readonly #status: any;
  readonly #help: any;
  readonly #notice: any;
  readonly focusable: any[];
  #focus = 0;

  constructor(options: { input?: unknown; output?: unknown } = {}) {
    this.screen = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      title: "logpulse",
      autoPadding: true,
      dockBorders: true,
      input: options.input,
      output: options.output,
    });
    const screen = this.screen;
    const border = { type: "line" };
    const style = { border: { fg: "cyan" } };
    this.#metrics = blessed.box({ tags: true, border, style, label: " logpulse " });
    this.#trend = contrib.line({
      label: " Errors over time ",
      showLegend: true,
      legend: { width: 10 },
      wholeNumbersOnly: true,
      border,
      style: { ...style, line: "red", text: "white", baseline: "white" },
    });
    this.#levels = contrib.bar({
      label: " Levels ",
      barWidth: 6,
      barSpacing: 2,
      xOffset: 1,
      maxHeight: 9,
      border,
      style,
    });
    this.#types = contrib.bar({
      label: " Top error types ",
      barWidth: 6,
      barSpacing: 2,
      xOffset: 1,
      maxHeight: 9,
      barBgColor: "red",
      border,
      style,
    });
    this.#services = contrib.bar({
      label: " Errors by service ",
      barWidth: 6,
      barSpacing: 2,
      xOffset: 1,
      maxHeight: 9,
      barBgColor: "yellow",
      border,
      style,
    });
    this.#ips = tablePanel(" Errors by IP ");
    this.#topErrors = tablePanel(" Top errors ");
    this.#alerts = blessed.box({
      label: " Alerts (newest first) ",
      tags: true,
      keys: true,
      scrollable: true,
      alwaysScroll: true,
      scrollbar: { ch: " ", style: { bg: "cyan" } },
      border,
      style,
    });
    this.#status = blessed.box({ height: 1, tags: true, style: { fg: "black", bg: "cyan" } });
    this.#notice = blessed.box({
      top: "center",
      left: "center",
      width: "70%",
      height: 7,
      tags: true,
      border,
      style: { border: { fg: "yellow" } },
      hidden: true,
    });
    this.#help = blessed.box({
      top: "center",
      left: "center",
      width: Math.max(...KEY_HELP.map((line) => line.length)) + 4,
      height: KEY_HELP.length + 4,
      label: " keys ",
      content: KEY_HELP.join("\n"),
      border,
      style: { border: { fg: "green" } },
      hidden: true,
    });
    for (
      const widget of [
        this.#metrics,
        this.#trend,
        this.#levels,
        this.#types,
        this.#services,
        this.#ips,
        this.#topErrors,
        this.#alerts,
        this.#status,
        this.#notice,
        this.#help,
      ]
    ) screen.append(widget);
    this.focusable = [this.#ips, this.#topErrors, this.#alerts];
    this.#topErrors.list.on("select", (_item: unknown, index: number) => {
      const row = this.#lastView?.topErrors[index];
      if (row) this.onTopError?.(row);
    });
    this.#ips.focus();
    this.#layout();
    screen.on("resize", () => {
      this.#layout();
      // Canvas widgets redraw at the new size only after re-attaching.
      for (const widget of [this.#trend, this.#levels, this.#types, this.#services]) {
        widget.emit("attach");
      }
      if (this.#lastView) this.draw(this.#lastView);
      screen.render();
    });
  }

  #lastView: DashboardView | undefined;

  /** Called with the top-errors row picked with Enter. */
  onTopError: ((row: DashboardView["topErrors"][number]) => void) | undefined;

  /** Places the panels in whole cells for the current size (no gaps from % rounding). */
  #layout(): void {
    const width = this.screen.width as number;
    const height = this.screen.height as number;
    const rest = Math.max(9, height - 5);
    const rowA = Math.floor(rest * 0.4);
    const rowB = Math.floor(rest * 0.32);
    const rowC = rest - rowA - rowB;
    const place = (widget: any, top: number, left: number, w: number, h: number) => {
      widget.top = top;
      widget.left = left;
      widget.width = w;
      widget.height = h;
    };
    const col = (share: number) => Math.floor(width * share);
    place(this.#metrics, 0, 0, width, 4);
    place(this.#trend, 4, 0, col(0.62), rowA);
    place(this.#levels, 4, col(0.62), width - col(0.62), rowA);
    place(this.#types, 4 + rowA, 0, col(0.3), rowB);
    place(this.#services, 4 + rowA, col(0.3), col(0.6) - col(0.3), rowB);
    place(this.#ips, 4 + rowA, col(0.6), width - col(0.6), rowB);
    place(this.#topErrors, 4 + rowA + rowB, 0, col(0.55), rowC);
    place(this.#alerts, 4 + rowA + rowB, col(0.55), width - col(0.55), rowC);
    place(this.#status, height - 1, 0, width, 1);
  }

  /** Moves focus to the next (+1) or previous (-1) table. */
  moveFocus(step: number): void {
    this.focusable[this.#focus].style.border.fg = "cyan";
    this.#focus = (this.#focus + step + this.focusable.length) % this.focusable.length;
    const widget = this.focusable[this.#focus];
    widget.style.border.fg = "green";
    widget.focus();
    this.screen.render();
  }

  /** Shows or hides the key help. */
  toggleHelp(show = this.#help.hidden): void {
    if (show) this.#help.show();
    else this.#help.hide();
    this.#help.setFront();
    this.screen.render();
  }

  /** Whether the help overlay is open. */
  get helpOpen(): boolean {
    return !this.#help.hidden;
  }

  /** A centred message instead of data (e.g. no store yet). */
  showNotice(text: string | null): void {
    if (text === null) this.#notice.hide();
    else {
      this.#notice.setContent(`\n  ${escapeTags(text)}`);
      this.#notice.show();
      this.#notice.setFront();
    }
  }

  /** Writes the status line: filters, refresh interval, key hint or a message. */
  drawStatus(filter: DashboardFilter, refreshSeconds: number, message = ""): void {
    const text = `${describeFilter(filter)} | refresh ${refreshSeconds}s | ? keys  q quit`;
    const width = this.screen.width as number;
    this.#status.setContent(
      message
        ? ` {bold}${escapeTags(fitWidth(message, Math.max(10, width - 2)))}{/bold}`
        : ` ${escapeTags(fitWidth(text, width - 2))}`,
    );
  }

  /** Draws every panel of a view. */
  draw(view: DashboardView): void {
    this.#lastView = view;
    const m = view.metrics;
    const wide = (this.screen.width as number) >= 100;
    const label = (long: string, short: string) => `{bold}${wide ? long : short}{/bold}`;
    this.#metrics.setContent(
      ` ${label("Total logs", "Logs")} ${formatCount(m.total)}  ${label("Errors", "Err")} {red-fg}${
        formatCount(m.errors)
      }{/red-fg}  ${label("Error rate", "Rate")} ${formatPercent(m.errorRate)}  ${
        label("Active alerts", "Alerts")
      } ${m.activeAlerts}  ${label("Rejected", "Rej")} ${formatCount(m.rejected)}\n` +
        ` ${label("Range", "Range")} ${formatMinute(m.firstMs)} → ${formatMinute(m.lastMs)} UTC  ${
          label("Last update", "Updated")
        } ${escapeTags(m.lastUpdate.slice(0, 16).replace("T", " "))}`,
    );

    const points = view.trend.points;
    const x = points.map((p) => formatBucket(p.start, view.trend.bucket));
    this.#trend.setLabel(` Errors over time (per ${view.trend.bucket}) `);
    this.#trend.setData(
      points.length === 0 ? [{ title: "errors", x: [" "], y: [0] }] : [
        { title: "total", x, y: points.map((p) => p.total), style: { line: "cyan" } },
        { title: "errors", x, y: points.map((p) => p.errors), style: { line: "red" } },
      ],
    );

    this.#setBars(
      this.#levels,
      view.levels.map((l) => l.shown ? l.level : `(${l.level})`),
      view.levels.map((l) => l.count),
    );
    this.#setBars(this.#types, view.topTypes.map((t) => t.type), view.topTypes.map((t) => t.count));
    this.#setBars(
      this.#services,
      view.services.map((s) => s.key),
      view.services.map((s) => s.errors),
    );
    // Narrow screens drop the total column so addresses stay readable.
    const withTotal = (this.#ips.width as number) >= 38;
    setTable(
      this.#ips,
      [
        { title: "ip", width: 0 },
        { title: "errors", width: 7, align: "right" },
        ...(withTotal ? [{ title: "total", width: 8, align: "right" as const }] : []),
        { title: "rate", width: 7, align: "right" },
      ],
      view.ips.map((ip) => [
        ip.key,
        formatCount(ip.errors),
        ...(withTotal ? [formatCount(ip.total)] : []),
        formatPercent(ip.rate),
      ]),
    );
    // An example line beside each template where there is room for both to be read.
    const withExample = (this.#topErrors.width as number) >= 90;
    setTable(
      this.#topErrors,
      [
        { title: withExample ? "template" : "template (Enter: examples)", width: 0 },
        ...(withExample ? [{ title: "example (Enter: more)", width: 0 }] : []),
        { title: "count", width: 7, align: "right" },
      ],
      view.topErrors.map((e) => [
        e.template,
        ...(withExample ? [e.examples[0]?.message ?? ""] : []),
        formatCount(e.count),
      ]),
    );
    this.#alerts.setContent(
      view.alerts.length === 0 ? "no alerts" : view.alerts.map((a) => {
        const colour = SEVERITY_COLOUR[a.severity] ?? "white";
        return `${formatMinute(a.firedAt)} {${colour}-fg}{bold}${
          safe(a.severity)
        }{/bold}{/${colour}-fg} ${safe(a.type)}: ${safe(a.message)}`;
      }).join("\n"),
    );
  }

  /**
   * Fills a bar chart with as many bars as fit its current width (bars
   * beyond the edge would wrap into the labels), labels cut to the bar width.
   */
  #setBars(widget: any, titles: string[], data: number[]): void {
    // blessed-contrib steps `barSpacing` columns per bar and needs it ≥ barWidth + 3.
    const inner = Math.max(6, (widget.width as number) - 4);
    const count = Math.max(1, Math.min(titles.length, Math.floor(inner / 6)));
    const stride = Math.min(12, Math.floor(inner / count));
    widget.options.barWidth = Math.max(1, stride - 3);
    widget.options.barSpacing = stride;
    widget.setData({
      titles: titles.slice(0, count).map((title) => sanitizeText(title).slice(0, stride - 1)),
      data: data.slice(0, count),
    });
  }

  /** Level names in the order of the level toggle keys. */
  static readonly LEVEL_KEYS: readonly string[] = ["d", "i", "w", "e", "c", "u"];
  static readonly LEVEL_NAMES = LEVEL_NAMES;
}
