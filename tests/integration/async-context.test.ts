import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// Next's and React's AsyncLocalStorage instances, enabled at the first page a server renders, and our request id's
// are all carried by one of Node's (lib/server/shared-async-local-storage.mjs, installed by server.mjs): on Node 20
// each enabled instance costs every promise of the process some work. A preload counts Node's own instances.
const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "doitong-als-")), "instances.log");
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ DOITONG_TEST_ASYNC_STORAGE_LOG: log }, { nodeArgs: [`--import=${path.join(import.meta.dirname, "../helpers/async-storage-counter.mjs")}`] });
});
afterAll(async () => {
  await server?.stop();
});

describe("async context across the API and pages", () => {
  it("keeps one of Node's AsyncLocalStorage after a page render, and each request's id still reaches its errors", async () => {
    const before = await server.gql(`{ nope }`);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    await page.text();
    const after = await server.gql(`{ nope }`);
    for (const answer of [before, after]) {
      const id = answer.headers.get("x-request-id");
      expect(id).toMatch(/^req_/);
      expect(answer.body.errors?.[0]?.extensions?.requestId).toBe(id);
    }
    expect(before.headers.get("x-request-id")).not.toBe(after.headers.get("x-request-id"));
    const instances = fs.readFileSync(log, "utf8").trim().split("\n");
    expect(instances, instances.join("\n")).toHaveLength(1);
  });
});
