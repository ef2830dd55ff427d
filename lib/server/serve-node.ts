import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "../log";
import { BufferedRequest } from "../net/buffered-request";
import { unreadTextOf } from "../net/text-response";
import { processSlot } from "../process-singleton";
import { matchApiRoute, type Method, type RouteHandler } from "./api-routes";
import { createTurns } from "./turns";

/**
 * The API's requests served straight from node:http, before Next's router (issue 22: Next's request handling cost
 * ~88 % of the budget before our code ran). server.mjs asks `dispatchApi` first; what it declines goes to Next.
 * The response is the one the route handler under app/ would give (the same function, lib/server/api-routes.ts),
 * with what Next adds around a route handler: next.config.ts's headers (CSP, nosniff, HSTS… read from the build's
 * routes-manifest.json, so both paths send what that build baked in), HEAD from GET, OPTIONS with Allow, 405,
 * and a 500 without a body when a handler throws.
 */

/** A `headers()` rule as the build wrote it to routes-manifest.json. */
export interface HeaderRule {
  regex: string;
  headers: { key: string; value: string }[];
  has?: Condition[];
  missing?: Condition[];
}
interface Condition {
  type: string;
  key: string;
  value?: string;
}
interface CompiledRule {
  regex: RegExp;
  headers: { key: string; value: string }[];
  has: { key: string; value?: RegExp }[] | undefined;
  missing: { key: string; value?: RegExp }[] | undefined;
}

/** application/json, application/graphql-response+json, application/problem+json… (any parameters). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Bodies up to this size are read whole before the handler starts (one Buffer; no stream machinery). */
const SMALL_BODY = 64 * 1024;

export type ApiDispatcher = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Called by instrumentation.ts at server start: server.mjs (plain JavaScript, outside the bundles) finds these here,
 * the API's dispatcher and the turns every request takes (lib/server/turns.ts).
 */
export function registerApiDispatcher(): void {
  processSlot<typeof createApiDispatcher>("api-dispatch").set(createApiDispatcher);
  processSlot<typeof createTurns>("request-turns").set(createTurns);
}

/**
 * What else Next does to every response (server.mjs passes Next's compression middleware): called once per response,
 * when its status and headers are set and before anything is written. `length` is given for a small answer written
 * whole with its Content-Length, so that one too short to compress need not go through the middleware; an empty
 * answer goes through it (its end() writes the headers first, which makes Node send them chunked).
 */
export type AroundResponse = (req: IncomingMessage, res: ServerResponse, length?: number) => void;

/** Called before the first write of a response: runs AroundResponse for it, once. */
type BeforeWrite = (length?: number) => void;

/** `headerRules`: next.config.ts's headers() as built. */
export function createApiDispatcher(headerRules: HeaderRule[], aroundResponse?: AroundResponse): ApiDispatcher {
  const rules = headerRules.map(compile);
  return (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const route = matchApiRoute(q < 0 ? url : url.slice(0, q));
    if (!route) return false;
    // A socket error ends the request; it must not end the process (Next listens for the same reason).
    req.on("error", noop);
    res.on("error", noop);
    let around = aroundResponse;
    const beforeWrite: BeforeWrite = (length) => {
      around?.(req, res, length);
      around = undefined;
    };
    serve(req, res, route.handlers, route.params, rules, beforeWrite).catch((err: unknown) => {
      logger("server").error({ err }, "API request failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        beforeWrite();
        res.end();
      } else res.destroy();
    });
    return true;
  };
}

const noop = () => undefined;

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Partial<Record<Method, RouteHandler>>,
  params: Record<string, string>,
  rules: CompiledRule[],
  beforeWrite: BeforeWrite,
) {
  for (const rule of rules) if (applies(rule, req)) for (const { key, value } of rule.headers) res.setHeader(key, value);
  const method = (req.method ?? "GET").toUpperCase() as Method;
  const handler = method === "HEAD" ? (handlers.HEAD ?? handlers.GET) : handlers[method];
  if (!handler) {
    req.resume();
    res.statusCode = method === "OPTIONS" ? 204 : 405;
    if (method === "OPTIONS") res.setHeader("allow", allowed(handlers));
    beforeWrite();
    res.end();
    return;
  }
  const url = `http://${req.headers.host ?? "localhost"}${req.url}`;
  const body = method === "GET" || method === "HEAD" ? null : await bodyOf(req, res);
  const init = { method, headers: headersOf(req), signal: mayWait(req) ? abortedOnClose(res) : undefined };
  // GraphQL's small bodies, read already, are decoded from their bytes (Yoga reads them with json() or text()).
  const request =
    body instanceof Uint8Array && GRAPHQL_PATH.test(req.url ?? "/")
      ? new BufferedRequest(url, init, body)
      : // @ts-expect-error -- undici's RequestInit knows `duplex`; lib.dom's does not yet
        new Request(url, { ...init, body, duplex: "half" });
  const response = await handler(request, { params: Promise.resolve(params as { id: string }) });
  await send(response, res, method === "HEAD", beforeWrite);
}

/**
 * Whether the handler may wait on the client (and must stop when it goes): a GraphQL subscription or incremental
 * delivery (text/event-stream, multipart), /v1's waits for a result, MCP's tools. A plain GraphQL request is
 * answered in one piece without waiting on anything the client does; its signal (an AbortController and a listener
 * per request) cost more than the rest of turning the request into a Request (issue 22).
 */
function mayWait(req: IncomingMessage): boolean {
  if (!GRAPHQL_PATH.test(req.url ?? "/")) return true;
  const accept = req.headers.accept;
  return accept !== undefined && STREAMED.test(accept);
}
const GRAPHQL_PATH = /^\/(api\/)?graphql(\?|$)/;
const STREAMED = /text\/event-stream|multipart\/mixed/i;

/** A signal that aborts when the client closes the connection before the answer is out. */
function abortedOnClose(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * The request's headers as the Request constructor takes them. Node's own object when every value is one string
 * (the constructor copies it into the Request's Headers): a Headers built here was copied into another one, names
 * sorted, for every request. Values Node keeps as lists (a repeated Set-Cookie) go as one pair each.
 */
function headersOf(req: IncomingMessage): HeadersInit {
  const { headers } = req;
  for (const name in headers) if (typeof headers[name] !== "string") return pairsOf(headers);
  return headers as Record<string, string>;
}

function pairsOf(headers: IncomingMessage["headers"]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) pairs.push([name, v]);
    else pairs.push([name, value]);
  }
  return pairs;
}

async function bodyOf(req: IncomingMessage, res: ServerResponse): Promise<Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null> {
  const declared = req.headers["content-length"];
  const length = declared === undefined ? Number.NaN : Number(declared);
  if (req.headers["transfer-encoding"] === undefined && (declared === undefined || length === 0)) return null;
  if (!(length <= SMALL_BODY)) return streamOf(req, res);
  // Events rather than `for await`: the async iterator cost more than the rest of reading a small body.
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const read: Buffer[] = [];
    req.on("data", (chunk: Buffer) => read.push(chunk));
    req.once("end", () => resolve(read));
    req.once("error", reject);
    // Closed before its end (the client went away mid-body): fails as the iterator did, never a cut body.
    req.once("close", () => (req.complete ? resolve(read) : reject(new Error("The client closed the request before its body ended"))));
  });
  return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) as Uint8Array<ArrayBuffer>;
}

/**
 * A large body as a web stream, read at the handler's pace. Not Readable.toWeb: when the handler refuses the body
 * before its end (too large, wrong type), cancelling that stream destroys the request and with it the socket,
 * and a request the client had already sent on that kept-alive connection failed with ECONNRESET (found by
 * tests/integration/fuzz.test.ts). Here the rest of a body refused or left unread is read and dropped (once the
 * answer is out at the latest), as Node does with a body no one reads, and the connection stays usable.
 */
function streamOf(req: IncomingMessage, res: ServerResponse): ReadableStream<Uint8Array> {
  let open = true;
  res.once("finish", () => {
    open = false;
    req.resume();
  });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (!open) return; // refused: read and dropped
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (open) controller.close();
          open = false;
        });
        req.once("error", (err) => {
          if (open) controller.error(err);
          open = false;
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        open = false;
        req.resume();
      },
    },
    { highWaterMark: 4 },
  );
}

async function send(response: Response, res: ServerResponse, head: boolean, beforeWrite: BeforeWrite) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  // A TextResponse's text, read without making the body stream it would otherwise become.
  const text = unreadTextOf(response);
  const stream = text === undefined ? response.body : undefined;
  if (stream === null || head) {
    void stream?.cancel();
    beforeWrite();
    res.end();
    return;
  }
  // A small answer: one write, headers and body together, with its Content-Length. A JSON answer is a whole
  // document, never a stream (GraphQL's streams are text/event-stream or multipart), and Yoga's carry no length:
  // read at once, they leave the chunked path's three writes (headers, body, end) behind.
  const declared = response.headers.get("content-length");
  if ((declared !== null && Number(declared) <= SMALL_BODY) || (declared === null && JSON_TYPE.test(response.headers.get("content-type") ?? ""))) {
    // A text goes as it is: Node joins a string to the headers and sends both in one write (a Buffer goes beside
    // them in a writev, after a copy of the text).
    const body = text === undefined ? Buffer.from(await response.arrayBuffer()) : text;
    const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
    // Said here, not left to res.end: Next's compression middleware writes the headers before end sees the body.
    res.setHeader("content-length", length);
    beforeWrite(length);
    res.end(body);
    return;
  }
  // Anything else streams, at the client's pace (media, server-sent events).
  beforeWrite();
  res.flushHeaders();
  const reader = (stream ?? response.body!).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      const more = res.write(value);
      // Past the compression middleware's buffer at once, as Next does (server-sent events arrive as sent).
      (res as ServerResponse & { flush?: () => void }).flush?.();
      if (!more) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off("drain", go);
            res.off("close", go);
            resolve();
          };
          res.on("drain", go);
          res.on("close", go);
        });
      }
    }
    res.end();
  } finally {
    if (res.destroyed) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** What Next's route module answers in Allow: the methods exported, HEAD with GET, OPTIONS always. */
function allowed(handlers: Partial<Record<Method, RouteHandler>>): string {
  const methods = new Set<string>(Object.keys(handlers));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods].join(", ");
}

function compile(rule: HeaderRule): CompiledRule {
  const conditions = (list: Condition[] | undefined) =>
    list?.map((c) => {
      // Only header conditions occur in next.config.ts; another kind would need its own matcher here.
      if (c.type !== "header") throw new Error(`serve-node: next.config.ts headers() uses a "${c.type}" condition; only "header" is supported`);
      return { key: c.key.toLowerCase(), value: c.value === undefined ? undefined : new RegExp(`^${c.value}$`) };
    });
  return { regex: new RegExp(rule.regex), headers: rule.headers, has: conditions(rule.has), missing: conditions(rule.missing) };
}

function applies(rule: CompiledRule, req: IncomingMessage): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (!rule.regex.test(path)) return false;
  const holds = (c: { key: string; value?: RegExp }) => {
    const value = req.headers[c.key];
    const text = Array.isArray(value) ? value.join(", ") : value;
    return text !== undefined && (c.value === undefined || c.value.test(text));
  };
  return (rule.has ?? []).every(holds) && !(rule.missing ?? []).some(holds);
}
