/**
 * The real dashboard in a real terminal: started with deno.json's exact
 * command line inside tmux on a store built from the hand-counted fixture
 * plus one hostile line, driven with send-keys and read with capture-pane.
 * Checks the metrics, a level filter, a date preset, a resize, that no log
 * text reaches the terminal as escape sequences (the pane title stays), and
 * that `q` exits 0 with the terminal restored.
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { handcountSettings, runPipeline, workspaceConfig } from "../e2e/harness.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURE = join(ROOT, "tests", "fixtures", "handcount");
const DENO_JSON = join(ROOT, "deno.json");
const TASK = (JSON.parse(await Deno.readTextFileSync(DENO_JSON)) as {
  tasks: Record<string, { command: string }>;
}).tasks.dashboard.command;

async function tmux(...args: string[]): Promise<string> {
  const output = await new Deno.Command("tmux", { args, stdout: "piped", stderr: "piped" })
    .output();
  if (!output.success) {
    throw new Error(`tmux ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  }
  return new TextDecoder().decode(output.stdout);
}

/** Polls the pane until `predicate` holds (the dashboard redraws asynchronously). */
async function waitForScreen(
  session: string,
  predicate: (screen: string) => boolean,
  what: string,
): Promise<string> {
  let screen = "";
  for (let i = 0; i < 100; i++) {
    screen = await tmux("capture-pane", "-p", "-t", session);
    if (predicate(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${screen}`);
}

/** Collapses runs of spaces so assertions do not depend on column widths. */
function squash(screen: string): string {
  return screen.replace(/ +/g, " ");
}

Deno.test("dashboard: metrics, level filter, preset, resize and quit in a real terminal", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-tmux-" });
  const hostile = join(dir, "hostile.csv");
  await Deno.writeTextFile(
    hostile,
    "timestamp,log_level,message,ip,service,endpoint\n" +
      '2024-01-15 10:50:00,WARN,"\u001b]2;PWNED\u0007\u001b[2J\u001b[31mred alert","\u001b]2;PWNED\u00079.9.9.9\u001b[5m","ev\u001b]0;PWNED\u0007il",/\n',
  );
  const config = workspaceConfig(dir, [
    join(FIXTURE, "app.csv"),
    join(FIXTURE, "more.csv"),
    hostile,
  ], handcountSettings);
  await runPipeline(config);
  const configPath = join(dir, "config.yaml");
  await Deno.writeTextFile(
    configPath,
    `output:\n  state_dir: ${config.output.state_dir}\n  reports_dir: ${config.output.reports_dir}\ndashboard:\n  refresh_seconds: 1\n`,
  );
  const [deno, run, ...flags] = TASK.split(/\s+/);
  assert.equal(deno, "deno");
  const script = join(ROOT, flags.pop()!);
  const exitFile = join(dir, "exit");
  const command = [
    Deno.execPath(),
    run,
    "--config",
    DENO_JSON,
    ...flags,
    script,
    "--config",
    configPath,
  ]
    .map((word) => `'${word}'`).join(" ");
  const session = `logpulse-test-${Deno.pid}`;
  await tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "120",
    "-y",
    "40",
    `cd '${dir}' && ${command}; echo EXIT=$? > '${exitFile}'; sleep 30`,
  );
  try {
    // 17 rows: the fixture's 16 plus the hostile WARN line; errors unchanged.
    let screen = await waitForScreen(
      session,
      (s) => squash(s).includes("Total logs 17"),
      "the metrics",
    );
    const metrics = squash(screen);
    assert.match(metrics, /Errors 9 /);
    assert.match(metrics, /Error rate 52\.94%/);
    assert.match(metrics, /Active alerts 1 /);
    assert.match(metrics, /Rejected 2/);
    assert.match(metrics, /Range 2024-01-15 10:00 → 2024-01-16 10:00 UTC/);
    assert.match(screen, /Connection refused to <\*>/);
    // The hostile text is shown as text; nothing reached the terminal as a sequence.
    assert.doesNotMatch(
      await tmux("display-message", "-p", "-t", session, "#{pane_title}"),
      /PWNED/,
    );
    // …and no colour/blink attribute from the line (blessed itself passes SGR sequences through).
    const styled = (await tmux("capture-pane", "-p", "-e", "-t", session)).split("\n");
    const hostileRow = styled.find((line) => line.includes("9.9.9.9"));
    assert.ok(hostileRow, "the hostile ip is listed");
    // deno-lint-ignore no-control-regex
    assert.doesNotMatch(hostileRow, /\u001b\[(?:[0-9;]*;)?5[;m]/, "no blink from log text");

    // Drill-down: Tab to the top errors, Enter on the first template lists its lines.
    await tmux("send-keys", "-t", session, "Tab");
    await tmux("send-keys", "-t", session, "Enter");
    screen = await waitForScreen(
      session,
      (s) => s.includes("Examples: ") && s.includes("Connection refused to 10.0.0.9:5432"),
      "the examples of the top error",
    );
    // Newest first: the first line of each recent minute of the template.
    assert.match(
      screen,
      /2024-01-15 10:20 +Connection refused to 10\.0\.0\.8:5432[^]*2024-01-15 10:10 +Connection refused to 10\.0\.0\.9:5432/,
    );
    await tmux("send-keys", "-t", session, "Escape");
    await waitForScreen(session, (s) => !s.includes("Examples: "), "the examples closed");

    await tmux("send-keys", "-t", session, "e");
    screen = await waitForScreen(
      session,
      (s) => squash(s).includes("Total logs 11"),
      "ERROR toggled off",
    );
    assert.match(squash(screen), /Errors 3 /);
    assert.match(squash(screen), /levels DEBUG,INFO,WARN,CRITICAL,UNKNOWN/);

    await tmux("send-keys", "-t", session, "1");
    screen = await waitForScreen(
      session,
      (s) => squash(s).includes("range 1h"),
      "the last-hour preset",
    );
    // 2024-01-16 10:00–11:00 without ERROR: the CRITICAL out-of-memory row only.
    assert.match(squash(screen), /Total logs 1 Errors 1 /);

    await tmux("resize-window", "-t", session, "-x", "80", "-y", "24");
    screen = await waitForScreen(
      session,
      (s) => squash(s).includes("Logs 1 Err 1"),
      "the 80x24 layout",
    );
    const lines = screen.split("\n");
    assert.ok(lines.length <= 25 && lines.every((line) => [...line].length <= 80), "fits 80x24");

    await tmux("send-keys", "-t", session, "q");
    const exit = await (async () => {
      for (let i = 0; i < 100; i++) {
        try {
          return await Deno.readTextFile(exitFile);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      throw new Error("the dashboard did not exit after q");
    })();
    assert.equal(exit.trim(), "EXIT=0");
    // Terminal restored: alternate screen left, cursor visible again.
    assert.equal(
      (await tmux("display-message", "-p", "-t", session, "#{alternate_on}")).trim(),
      "0",
    );
    assert.equal(
      (await tmux("display-message", "-p", "-t", session, "#{cursor_flag}")).trim(),
      "1",
    );
  } finally {
    await tmux("kill-session", "-t", session).catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("dashboard --once: one plain frame with the store's numbers; no data says which task to run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-once-" });
  const config = workspaceConfig(
    dir,
    [join(FIXTURE, "app.csv"), join(FIXTURE, "more.csv")],
    handcountSettings,
  );
  const configPath = join(dir, "config.yaml");
  await Deno.writeTextFile(configPath, `output:\n  state_dir: ${config.output.state_dir}\n`);
  const [, run, ...flags] = TASK.split(/\s+/);
  const script = join(ROOT, flags.pop()!);
  const once = async () => {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        run,
        "--config",
        DENO_JSON,
        ...flags,
        script,
        "--config",
        configPath,
        "--once",
        "--width",
        "100",
        "--height",
        "30",
      ],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    };
  };

  const empty = await once();
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /No data yet .*run `deno task pipeline` first/);

  await runPipeline(config);
  const frame = await once();
  assert.equal(frame.code, 0, frame.stderr);
  const lines = frame.stdout.trimEnd().split("\n");
  assert.ok(lines.length <= 30);
  assert.ok(lines.every((line) => [...line].length <= 100));
  assert.match(
    frame.stdout,
    /Total logs 16 \| Errors 9 \| Error rate 56\.25% \| Active alerts 1 \| Rejected 2/,
  );
  assert.match(frame.stdout, /DEBUG 1 {2}INFO 3 {2}WARN 2 {2}ERROR 6 {2}CRITICAL 3 {2}UNKNOWN 1/);
  assert.ok(!frame.stdout.includes("\u001b"), "no escape sequence in the frame");
  await Deno.remove(dir, { recursive: true });
});
