import http from "node:http";
import type { AddressInfo } from "node:net";
import { logger } from "../../log";
import type { ProviderAdapter } from "../types";
import type { FakeApp } from "./fake-app";
import { processSingleton } from "../../process-singleton";
import { env } from "../../env";

interface Sandbox {
  origin: string;
  fakes: Map<string, FakeApp>;
}

/**
 * The built-in fakes of every vendor, served on one loopback port inside this process: TEST generations call
 * `http://127.0.0.1:<port>/<provider>/…` exactly as LIVE ones call the vendor. Started on first use.
 */
export async function sandboxBaseUrl(adapter: ProviderAdapter): Promise<string> {
  const sandbox = await processSingleton("sandbox", startSandbox);
  if (!sandbox.fakes.has(adapter.id)) {
    if (!adapter.createFake) throw new Error(`${adapter.id} has no built-in fake`);
    const fake = adapter.createFake();
    const taskMs = env().DOITONG_SANDBOX_TASK_MS;
    if (taskMs > 0) fake.taskMs = taskMs;
    sandbox.fakes.set(adapter.id, fake);
  }
  return `${sandbox.origin}/${adapter.id}`;
}

async function startSandbox(): Promise<Sandbox> {
  const fakes = new Map<string, FakeApp>();
  const server = http.createServer((req, res) => {
    const id = (req.url ?? "/").split("/")[1]?.split("?")[0] ?? "";
    const fake = fakes.get(id);
    if (!fake) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `No sandbox for ${id}` }));
      return;
    }
    const { port } = server.address() as AddressInfo;
    fake.handle(req, res, `/${id}`, `http://127.0.0.1:${port}/${id}`).catch((error: unknown) => {
      // A built-in fake threw: a bug in it. The adapter sees a 500, as it would from the vendor.
      logger("sandbox").error({ err: error, provider: id }, "a built-in vendor fake failed");
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, fakes };
}
