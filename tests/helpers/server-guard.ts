import { afterAll, afterEach, beforeAll } from "vitest";
import type { ServerRegistry, TestServer } from "./server";

/**
 * A setup file for every project (vitest.config.mts). Two things a failing test used to leave unsaid or undone:
 * - When a test fails (a timeout included), the end of every running server's log is printed with it: a test that
 *   hung for two minutes in CI printed nothing about what its server was doing. A server the test started and
 *   stopped itself prints its own (tests/helpers/server.ts).
 * - A server the file did not stop (a test that timed out before its `finally`) is stopped when the file ends,
 *   instead of outliving the run with its database and port; in a worker that runs several files in one process,
 *   what a file whose own after-hook failed left behind is stopped before the next file starts.
 * Runs as a setup file, so its afterAll runs after the file's own (after hooks run in reverse order): only the
 * servers the file's own hooks left are stopped here.
 */

// The registry tests/helpers/server.ts keeps (serverRegistry()), read without importing that module and all it loads.
const registry = (): ServerRegistry | undefined => (globalThis as { [key: symbol]: ServerRegistry | undefined })[Symbol.for("doitong.test-servers")];

async function stopLeftovers(): Promise<void> {
  for (const server of [...(registry()?.live ?? [])]) {
    console.error(`The server at ${server.url} was left running: stopped`);
    await server.stop().catch((error: unknown) => console.error(`It did not stop cleanly: ${String(error)}`));
  }
}

beforeAll(stopLeftovers);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  const live: TestServer[] = [...(registry()?.live ?? [])];
  for (const server of live) registry()!.printLogTail(server, `${context.task.name} failed`);
});

afterAll(stopLeftovers);
