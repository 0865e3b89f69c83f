/**
 * Webhook delivery against a local HTTP server: the JSON body, retries with
 * backoff on 5xx, no retry on 4xx, a timeout, and a pipeline whose webhook is
 * down finishing anyway and delivering at a later run (the outbox).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { AlertEvent } from "../../lib/alerts/lifecycle.ts";
import { postEvent } from "../../lib/alerts/webhook.ts";
import { runPipeline, workspaceConfig } from "../e2e/harness.ts";

const EVENT: AlertEvent = {
  at: Date.UTC(2024, 0, 15, 10, 26),
  kind: "firing",
  type: "HIGH_ERROR_RATE",
  severity: "HIGH",
  group: "service=api",
  labels: { service: "api" },
  startsAt: Date.UTC(2024, 0, 15, 10, 20),
  message: "error rate 66.67% in the last 30 min (2 errors in 3 rows) exceeds 50.00%",
  value: 2 / 3,
  threshold: 0.5,
};

/** A local server answering with `statuses` in turn (then 200), recording bodies. */
function server(statuses: number[] = [], delayMs = 0) {
  const bodies: unknown[] = [];
  const controller = new AbortController();
  const http = Deno.serve(
    { port: 0, hostname: "127.0.0.1", signal: controller.signal, onListen: () => {} },
    async (request) => {
      bodies.push(await request.json());
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return new Response("ok", { status: statuses.shift() ?? 200 });
    },
  );
  return {
    url: `http://127.0.0.1:${http.addr.port}/hook`,
    bodies,
    close: async () => {
      controller.abort();
      await http.finished;
    },
  };
}

Deno.test("webhook: posts the event as JSON", async () => {
  const hook = server();
  try {
    const outcome = await postEvent(EVENT, { url: hook.url, timeoutMs: 2000, retries: 3 });
    assert.deepEqual(outcome, { ok: true, attempts: 1 });
    assert.deepEqual(hook.bodies, [{
      source: "logpulse",
      status: "firing",
      repeat: false,
      type: "HIGH_ERROR_RATE",
      severity: "HIGH",
      group: "service=api",
      labels: { service: "api" },
      startsAt: "2024-01-15T10:20:00Z",
      at: "2024-01-15T10:26:00Z",
      message: EVENT.message,
      value: 2 / 3,
      threshold: 0.5,
    }]);
  } finally {
    await hook.close();
  }
});

Deno.test("webhook: 5xx is retried with backoff; 4xx is not", async () => {
  const flaky = server([503, 500]);
  try {
    const outcome = await postEvent(EVENT, {
      url: flaky.url,
      timeoutMs: 2000,
      retries: 3,
      backoffMs: 10,
    });
    assert.deepEqual(outcome, { ok: true, attempts: 3 });
    assert.equal(flaky.bodies.length, 3);
  } finally {
    await flaky.close();
  }
  const refusing = server([404, 404, 404]);
  try {
    const outcome = await postEvent(EVENT, { url: refusing.url, timeoutMs: 2000, retries: 3 });
    assert.deepEqual(outcome, { ok: false, attempts: 1, error: "HTTP 404" });
  } finally {
    await refusing.close();
  }
});

Deno.test("webhook: a server that does not answer in time is a failure, not a hang", async () => {
  const slow = server([], 1500);
  try {
    const outcome = await postEvent(EVENT, {
      url: slow.url,
      timeoutMs: 100,
      retries: 2,
      backoffMs: 10,
    });
    assert.deepEqual(outcome, { ok: false, attempts: 2, error: "no response within 100 ms" });
  } finally {
    await slow.close();
  }
});

Deno.test("webhook: down during a run, the pipeline still finishes; the next run delivers", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-webhook-" });
  const input = join(dir, "in");
  await Deno.mkdir(input);
  let csv = "timestamp,log_level,message,ip,service,endpoint\n";
  for (let m = 0; m < 60; m++) {
    const ts = new Date(Date.UTC(2024, 0, 15, 10, m)).toISOString();
    csv += `${ts},${m >= 20 && m < 30 ? "ERROR" : "INFO"},message ${m},10.0.0.1,api,/x\n`;
  }
  await Deno.writeTextFile(join(input, "app.csv"), csv);
  // A port nothing listens on: take one from a server and close it.
  const gone = server();
  await gone.close();
  const config = workspaceConfig(dir, [input], (c) => {
    c.alerts.window_minutes = 5;
    c.alerts.min_rows = 3;
    c.alerts.webhook_url = gone.url;
    c.alerts.webhook_retries = 2;
    c.alerts.webhook_timeout_seconds = 1;
  });
  try {
    const first = await runPipeline(config);
    assert.deepEqual(first.alerts.fresh.map((e) => e.kind), ["firing", "resolved"]);
    assert.ok(first.out.notes.some((note) => /webhook: .* after 2 attempt\(s\)/.test(note)));

    const hook = server();
    try {
      config.alerts.webhook_url = hook.url;
      const second = await runPipeline(config);
      assert.equal(second.alerts.fresh.length, 0, "no new events: the outbox is what is sent");
      assert.deepEqual(
        hook.bodies.map((b) => (b as { status: string }).status),
        ["firing", "resolved"],
      );
      assert.ok(second.out.notes.includes("webhook: 2 event(s) delivered"));
      // Delivered events are not sent again, and a rebuild's replay is not re-sent either.
      await runPipeline(config, { full: true });
      assert.equal(hook.bodies.length, 2);
    } finally {
      await hook.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
