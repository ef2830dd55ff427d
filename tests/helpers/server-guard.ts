import { afterAll, afterEach } from "vitest";
import type { TestServer } from "./server";

/**
 * A setup file for the projects whose files start servers (vitest.config.mts). Two things a failing test used to
 * leave unsaid or undone:
 * - When a test fails — a timeout included — the end of every running server's log is printed with it: a test that
 *   hung for two minutes in CI printed nothing about what its server was doing.
 * - A server the file did not stop (a test that timed out before its `finally`) is stopped when the file ends,
 *   instead of outliving the run with its database and port.
 * Runs as a setup file, so its afterAll runs after the file's own (after hooks run in reverse order): only the
 * servers the file's own hooks left are stopped here.
 */
const LOG_LINES = 60;

// The registry tests/helpers/server.ts keeps (liveServers()), read without importing that module and all it loads.
const live = (): Set<TestServer> => (globalThis as { [key: symbol]: Set<TestServer> | undefined })[Symbol.for("doitong.test-servers")] ?? new Set();

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  for (const server of live()) {
    const lines = server.output().trimEnd().split("\n");
    console.error(
      `── ${context.task.name} failed; the last ${Math.min(LOG_LINES, lines.length)} lines of the server at ${server.url} (pid ${server.pid()}):\n${lines.slice(-LOG_LINES).join("\n")}`,
    );
  }
});

afterAll(async () => {
  for (const server of live()) {
    console.error(`The server at ${server.url} was left running by this file: stopped`);
    await server.stop();
  }
});
