import { randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  /** Path below the fake's mount point, e.g. `/v1/tasks/abc`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Absolute URL of the fake's root, for URLs the vendor hands back (BFL polling_url, result links). */
  origin: string;
  json<T = Record<string, unknown>>(): T;
  /** multipart/form-data or urlencoded bodies, parsed the way a vendor would. */
  form(): Promise<FormData>;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
}

type Handler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A vendor API imitated over real HTTP: routes with `:params`, a log of what was received (tests assert the wire
 * format from it), and short-lived result files like the vendors' signed links. Built-in fakes serve TEST
 * generations inside the app and the adapters' tests.
 */
export class FakeApp {
  readonly requests: RecordedRequest[] = [];
  /** How long a fake task takes from submit to result; tests shorten it. */
  taskMs: number;
  /**
   * Fault injection for tests: return a reply to answer a request with it instead of the vendor behaviour (a 503
   * storm on submits, a slow or malformed answer), or undefined to let it through.
   */
  intercept?: (request: RecordedRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;
  private readonly routes: Route[] = [];
  private readonly files = new Map<string, { bytes: Buffer; contentType: string; expiresAt: number }>();

  constructor(
    readonly name: string,
    options: { taskMs?: number } = {},
  ) {
    this.taskMs = options.taskMs ?? 3_000;
    this.route("GET", "/_files/:token", (req) => this.serveFile(req.params.token));
  }

  route(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Publishes bytes at a URL that stops working after `ttlMs`, like a vendor's signed result link. */
  publish(origin: string, bytes: Buffer, contentType: string, ttlMs: number): string {
    const token = randomBytes(12).toString("hex");
    this.files.set(token, { bytes, contentType, expiresAt: Date.now() + ttlMs });
    return `${origin}/_files/${token}`;
  }

  private serveFile(token: string): FakeReply {
    const file = this.files.get(token);
    if (!file || file.expiresAt <= Date.now()) {
      // What S3/GCS-style signed links answer once expired.
      return { status: 403, body: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", headers: { "content-type": "application/xml" } };
    }
    return { status: 200, body: file.bytes, headers: { "content-type": file.contentType } };
  }

  /** Handles one request whose URL path starts with `mount`. */
  async handle(incoming: IncomingMessage, res: ServerResponse, mount: string, origin: string): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://fake.invalid");
    const path = url.pathname.slice(mount.length) || "/";
    const body = await readBody(incoming);
    this.requests.push({ method: incoming.method ?? "GET", path, query: Object.fromEntries(url.searchParams), headers: incoming.headers, body: body.toString("utf8") });
    let reply: FakeReply = { status: 404, json: { error: `No route ${incoming.method} ${path} on the ${this.name} fake` } };
    const injected = await this.intercept?.(this.requests.at(-1)!);
    for (const route of injected ? [] : this.routes) {
      const match = route.method === incoming.method ? route.pattern.exec(path) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1])]));
      const request: FakeRequest = {
        method: incoming.method ?? "GET",
        path,
        params,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        origin,
        json: <T>() => JSON.parse(body.toString("utf8") || "{}") as T,
        form: () => new Request(`http://fake.invalid${path}`, { method: "POST", headers: incoming.headers as HeadersInit, body: new Uint8Array(body) }).formData(),
      };
      try {
        reply = await route.handler(request);
      } catch (error) {
        reply = { status: 400, json: { error: `The ${this.name} fake could not read the request: ${(error as Error).message}` } };
      }
      break;
    }
    if (injected) reply = injected;
    const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? "");
    const headers = { ...(reply.json !== undefined ? { "content-type": "application/json" } : {}), ...reply.headers };
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  }

  /** Serves this fake alone on a free loopback port (tests). */
  async listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
      const { port } = server.address() as AddressInfo;
      void this.handle(req, res, "", `http://127.0.0.1:${port}`).catch((error) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  /** The last recorded request matching method and path prefix (tests). */
  last(method: string, pathPrefix: string): RecordedRequest | undefined {
    return this.requests.findLast((r) => r.method === method && r.path.startsWith(pathPrefix));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** POSTs a JSON callback the way a vendor does (fire and forget; vendors retry a little, we don't need to). */
export async function postCallback(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  return res.status;
}
