/**
 * Alert state and history in the store: the lifecycle's pending and firing
 * alerts between runs, the minute evaluated through, and every event with
 * its webhook delivery state (an outbox: an event committed but not yet
 * delivered is retried by the next run).
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { getMeta, setMeta } from "../store/open.ts";
import type { AlertEvent, AlertState } from "./lifecycle.ts";
import type { AlertType } from "./rules.ts";

/** Webhook delivery of an event. */
export type Delivery =
  /** No webhook configured when it happened. */
  | "none"
  /** Waiting to be sent (or retried). */
  | "pending"
  | "sent"
  /** Gave up after the configured attempts. */
  | "failed"
  /** Recomputed by a rebuild for a time already evaluated: not sent again. */
  | "replayed";

/** An event as stored. */
export interface StoredEvent extends AlertEvent {
  seq: number;
  delivery: Delivery;
  attempts: number;
}

const THROUGH_KEY = "alerts_evaluated_through";

/**
 * The last minute evaluated, or null before the first evaluation.
 *
 * @example
 * ```ts
 * import { evaluatedThrough } from "./history.ts";
 * // const through = evaluatedThrough(db);
 * ```
 */
export function evaluatedThrough(db: DatabaseSync): number | null {
  return getMeta<number>(db, THROUGH_KEY) ?? null;
}

/**
 * Forgets state and events (a rebuild replays them); returns the minute
 * evaluated through before, so replayed events up to it are not re-sent.
 *
 * @example
 * ```ts
 * import { resetAlerts } from "./history.ts";
 * // const replayedThrough = resetAlerts(db);
 * ```
 */
export function resetAlerts(db: DatabaseSync): number | null {
  const through = evaluatedThrough(db);
  db.exec("DELETE FROM alert_events; DELETE FROM alert_state");
  db.prepare("DELETE FROM meta WHERE key = ?").run(THROUGH_KEY);
  return through;
}

/**
 * Reads the lifecycle states keyed by `type|group`.
 *
 * @example
 * ```ts
 * import { readStates } from "./history.ts";
 * // const states = readStates(db);
 * ```
 */
export function readStates(db: DatabaseSync): Map<string, AlertState> {
  const rows = db.prepare("SELECT type, grp, state, since, last_sent FROM alert_state").all() as {
    type: AlertType;
    grp: string;
    state: AlertState["state"];
    since: number;
    last_sent: number | null;
  }[];
  return new Map(rows.map((row) => [`${row.type}|${row.grp}`, {
    type: row.type,
    group: row.grp,
    state: row.state,
    since: row.since,
    lastSent: row.last_sent,
  }]));
}

/**
 * Saves the states, events and evaluated-through minute (inside the caller's transaction).
 *
 * @example
 * ```ts
 * import { saveEvaluation } from "./history.ts";
 * // saveEvaluation(db, states, events, through, (event) => "none");
 * ```
 */
export function saveEvaluation(
  db: DatabaseSync,
  states: Map<string, AlertState>,
  events: readonly AlertEvent[],
  through: number,
  deliveryOf: (event: AlertEvent) => Delivery,
): void {
  db.exec("DELETE FROM alert_state");
  const stateInsert = db.prepare(
    "INSERT INTO alert_state (type, grp, state, since, last_sent) VALUES (?, ?, ?, ?, ?)",
  );
  for (const s of states.values()) stateInsert.run(s.type, s.group, s.state, s.since, s.lastSent);
  const eventInsert = db.prepare(
    `INSERT INTO alert_events (at, kind, severity, type, grp, labels, starts_at, message, value,
       threshold, delivery, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  for (const e of events) {
    eventInsert.run(
      e.at,
      e.kind,
      e.severity,
      e.type,
      e.group,
      JSON.stringify(e.labels),
      e.startsAt,
      e.message,
      e.value,
      e.threshold,
      deliveryOf(e),
    );
  }
  setMeta(db, THROUGH_KEY, through);
}

interface EventRow {
  seq: number;
  at: number;
  kind: AlertEvent["kind"];
  severity: AlertEvent["severity"];
  type: AlertType;
  grp: string;
  labels: string;
  starts_at: number;
  message: string;
  value: number;
  threshold: number;
  delivery: Delivery;
  attempts: number;
}

/**
 * Reads events in log-time order (optionally only those awaiting delivery).
 *
 * @example
 * ```ts
 * import { readEvents } from "./history.ts";
 * // const pending = readEvents(db, { delivery: "pending" });
 * ```
 */
export function readEvents(db: DatabaseSync, filter: { delivery?: Delivery } = {}): StoredEvent[] {
  const rows =
    (filter.delivery
      ? db.prepare("SELECT * FROM alert_events WHERE delivery = ? ORDER BY at, seq").all(
        filter.delivery,
      )
      : db.prepare("SELECT * FROM alert_events ORDER BY at, seq").all()) as unknown as EventRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    severity: row.severity,
    type: row.type,
    group: row.grp,
    labels: JSON.parse(row.labels),
    startsAt: row.starts_at,
    message: row.message,
    value: row.value,
    threshold: row.threshold,
    delivery: row.delivery,
    attempts: row.attempts,
  }));
}

/**
 * Records a delivery attempt's outcome.
 *
 * @example
 * ```ts
 * import { markDelivery } from "./history.ts";
 * // markDelivery(db, event.seq, "sent", 1);
 * ```
 */
export function markDelivery(
  db: DatabaseSync,
  seq: number,
  delivery: Delivery,
  attempts: number,
): void {
  db.prepare("UPDATE alert_events SET delivery = ?, attempts = ? WHERE seq = ?").run(
    delivery,
    attempts,
    seq,
  );
}
