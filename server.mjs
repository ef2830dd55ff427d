// `npm start`: the production server. Next.js in a custom server on node:http, one process and one port, with the
// API (/graphql, /api/graphql, /v1/*, /mcp) dispatched before Next's router (lib/server/serve-node.ts, registered
// by instrumentation.ts, which this file runs at start): Next's request handling cost most of an API request's time. Pages,
// sign-in and the dashboard go to Next as before. `next start` still works (the route handlers under app/ serve
// the same API, more slowly).
//   node server.mjs [-p PORT] [-H HOSTNAME]   (else PORT and HOSTNAME from the environment, as `next start`)
// SIGTERM/SIGINT: lib/boot.ts stops the runner and closes the database, then exits (NEXT_MANUAL_SIG_HANDLE=true
// keeps Next's own handler out, as `npm start` sets it).
import asyncHooks from "node:async_hooks";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { SharedAsyncLocalStorage } from "./lib/server/shared-async-local-storage.mjs";

process.env.NODE_ENV = "production";
const arg = (...names) => {
  const at = process.argv.findIndex((a) => names.includes(a));
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const port = Number(arg("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H", "--hostname") ?? process.env.HOSTNAME;
const dir = import.meta.dirname;

const distDir = process.env.NEXT_DIST_DIR || ".next";
// The configuration the build serialised (next.config.ts as evaluated then): Next's own standalone server starts
// from it. Without it, every start loads SWC's native binding to compile next.config.ts again (about 1.5 CPU-s of
// the 8 a start cost; test runs start a server per file).
const { config } = JSON.parse(fs.readFileSync(path.join(dir, distDir, "required-server-files.json"), "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
// Before Next loads: the AsyncLocalStorage that Next, React and our request id make theirs from, all carried by one
// of Node's (lib/server/shared-async-local-storage.mjs says why). Each takes it from require("async_hooks"),
// Next through the global it sets from there.
asyncHooks.AsyncLocalStorage = SharedAsyncLocalStorage;
const { default: next } = await import("next");
const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost", customServer: true });
// Next prepares (its router, config, manifests, render workers: ~0.6 CPU-s) when the first request for it arrives,
// not at start: the API below is served without it, and an instance that only serves the API never pays for it.
// Test runs start ~100 servers, most of which never render a page (issue 16). Requests that arrive while it
// prepares wait for the one preparation.
let prepared;
const nextHandler = app.getRequestHandler();
const handle = async (req, res) => {
  try {
    await (prepared ??= app.prepare());
  } catch (error) {
    // The API stays up; what Next serves (pages, /api/health among them, so a health check sees it) answers 500,
    // and the next request for it tries again.
    prepared = undefined;
    console.error("Doitong: Next could not prepare; what it serves answers 500", error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
    return;
  }
  return nextHandler(req, res);
};
// Next registers instrumentation.ts on its first request in production; the API dispatcher (and the database and
// runner, lib/boot.ts) must be up before the first one instead. This is the once-only call Next itself makes.
const require = createRequire(import.meta.url);
// What Next's preparation did for the whole process, done here since it no longer runs at start, in its order:
// the .env files into process.env (before lib/env.ts reads its settings; Next's own later load finds them loaded),
// the environment its modules expect as they load (AsyncLocalStorage on globalThis, its console), and its process
// error handlers (an uncaught exception is logged, not fatal).
require("@next/env").loadEnvConfig(dir, false, require("next/dist/build/output/log"));
require("next/dist/server/node-environment");
require("next/dist/server/node-environment-extensions/process-error-handlers.js").installProcessErrorHandlers(
  Boolean(config.experimental?.removeUncaughtErrorAndRejectionListeners),
);
await require("next/dist/server/lib/router-utils/instrumentation-globals.external.js").ensureInstrumentationRegistered(dir, distDir);

// The header rules next.config.ts baked into this build, for the API responses Next no longer touches.
const { headers: headerRules } = JSON.parse(fs.readFileSync(path.join(dir, distDir, "routes-manifest.json"), "utf8"));
// Next's own response compression (gzip for compressible types over 1 KB), as its router applies it to every
// response unless next.config.ts turns `compress` off.
const compression = require("next/dist/compiled/compression");
const compress = config.compress === false ? undefined : compression();
const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream.js");
// The middleware's threshold (its default, as Next uses it): shorter bodies are sent as they are.
const COMPRESS_FROM = 1024;
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;
// Called once the response's headers are set and before anything is written, with the body's length when the whole
// body is known. A body shorter than the threshold is never compressed; all the middleware would do to it is add
// `Vary: Accept-Encoding` (for a compressible type without Cache-Control: no-transform), so that is done here
// instead of wrapping the response's methods: the middleware was about a twentieth of a small API request's CPU.
const aroundResponse = (req, res, length) => {
  if (!compress) return;
  if (length !== undefined && length < COMPRESS_FROM) {
    if (compression.filter(req, res) && !NO_TRANSFORM.test(String(res.getHeader("cache-control") ?? ""))) varyOn(res, "Accept-Encoding");
    return;
  }
  compress(req, res, () => {});
  // As Next does: a client gone mid-response would leave the zlib stream open.
  res.once("close", () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
};
/** What the `vary` package (inside Next's compression) does: the field added to Vary once, `*` kept. */
function varyOn(res, field) {
  const value = res.getHeader("vary") ?? "";
  const header = Array.isArray(value) ? value.join(", ") : String(value);
  if (header === "*") return;
  const listed = header
    .toLowerCase()
    .split(",")
    .map((f) => f.trim());
  if (listed.includes("*")) res.setHeader("vary", "*");
  else if (!listed.includes(field.toLowerCase())) res.setHeader("vary", header ? `${header}, ${field}` : field);
}
const slots = globalThis[Symbol.for("doitong.process-slots")];
const createApiDispatcher = slots?.get("api-dispatch");
if (!createApiDispatcher) console.warn("Doitong: instrumentation did not register the API dispatcher; Next serves the API");
const dispatch = createApiDispatcher ? createApiDispatcher(headerRules, aroundResponse) : () => false;

// A multipart POST to a page is, to Next, a no-JavaScript Server Action form; one whose body does not parse (a bad
// boundary) makes Next answer 500 (found by tests/integration/fuzz.test.ts). Pages here take no such forms (the one
// Server Action is called by fetch with its Next-Action header) and route handlers live under /api/, so refuse it.
const pageFormPost = (req) =>
  req.method === "POST" && !req.headers["next-action"] && /^multipart\/form-data/i.test(req.headers["content-type"] ?? "") && !(req.url ?? "/").startsWith("/api/");

// Requests take turns of the event loop (lib/server/turns.ts): a busy server still accepts new connections.
const createTurns = slots?.get("request-turns");
const takeTurn = createTurns ? createTurns() : (serve, req, res) => serve(req, res);

const serveRequest = (req, res) => {
  if (dispatch(req, res)) return;
  if (pageFormPost(req)) {
    req.resume();
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "INVALID_INPUT", message: "This page takes no form posts; the API is at /graphql" } }));
    return;
  }
  void handle(req, res);
};
const server = http.createServer((req, res) => takeTurn(serveRequest, req, res));
// An idle kept-alive connection stays open 65 s instead of Node's 5: a client that reuses a connection the server has
// just closed gets ECONNRESET on a request it cannot safely send again (a POST; seen in CI of 2026-12-06, after a
// browser test's 5 s of clicking). Load balancers keep theirs open 60 s (AWS ALB's default), and the server must
// outlast them; the headers timeout stays above it, as Node requires.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`Doitong ready on http://${hostname ?? "localhost"}:${port} (API before Next: ${createApiDispatcher ? "yes" : "no"})`);
});
