import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { seededRandom } from "@/lib/providers/local/render-image";
import { startServer, type TestServer } from "../helpers/server";

// Thousands of random and malformed requests at the built server: documents made from the live schema and then
// broken, random variables, JSON bodies, content types, methods and headers. Every answer must be a coded error
// or data — never a 500, an INTERNAL error, a stack trace or SQL — the server must keep serving, and its memory
// must stay bounded. Seeded: FUZZ_SEED=<n> reproduces a run, and a failure prints the seed and case number;
// FUZZ_CASE=<n> replays one case. (Runs once, in the PGlite project: the target is the HTTP/GraphQL layer.)
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const CASES = Number(process.env.FUZZ_CASES ?? 4_000);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 45_000);
const CONCURRENCY = 8;
const MAX_FAILURES = Number(process.env.FUZZ_MAX_FAILURES ?? 5);

let server: TestServer;
let testKey: string;
let liveKey: string;
let schemaInfo: SchemaInfo;
const baseline = { rss: 0 };

beforeAll(async () => {
  server = await startServer({ DOITONG_RUNNER: "off", DOITONG_DEMO_ACCOUNT: "off" });
  const test = await server.createAccount({ plan: "ENTERPRISE", credits: 0, keyMode: "test" });
  const live = await server.createAccount({ plan: "FREE", credits: 3 });
  await server.admin("set-limits", "--account", test.accountId, "--rpm", "0", "--parallel", "0", "--daily", "0");
  await server.admin("set-limits", "--account", live.accountId, "--rpm", "0");
  [testKey, liveKey] = [test.apiKey, live.apiKey];
  schemaInfo = await loadSchema(server, testKey);
  baseline.rss = server.rssMiB();
});
afterAll(() => server?.stop());

describe.skipIf(process.env.DOITONG_TEST_DB === "postgres")(`fuzz (seed ${SEED})`, () => {
  it("answers every random or malformed request with data or a coded error, stays up, and keeps its memory", async () => {
    const started = Date.now();
    const failures: string[] = [];
    let sent = 0;
    let next = ONLY_CASE ?? 0;
    const last = ONLY_CASE ?? CASES - 1;
    const statuses = new Map<number, number>();

    async function worker() {
      while (next <= last && Date.now() - started < BUDGET_MS && failures.length < MAX_FAILURES) {
        const n = next++;
        const req = makeCase(n);
        const problem = await send(req).catch((error: Error) => `request failed: ${error.message}`);
        sent += 1;
        if (typeof problem === "string") failures.push(`case ${n} (FUZZ_SEED=${SEED} FUZZ_CASE=${n}): ${problem}\n  request: ${describeCase(req)}`);
        else statuses.set(problem, (statuses.get(problem) ?? 0) + 1);
        if (n % 500 === 499) {
          const ok = await server.gql(`{ me { accountId } }`, {}, { apiKey: testKey });
          if (ok.status !== 200) failures.push(`after case ${n}: a valid query answered ${ok.status}`);
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const rss = server.rssMiB();
    console.log(`fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, RSS ${baseline.rss.toFixed(0)} → ${rss.toFixed(0)} MiB`);
    expect(failures).toEqual([]);
    if (ONLY_CASE === undefined) expect(sent).toBeGreaterThanOrEqual(Math.min(CASES, 2_000));
    const after = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, { apiKey: testKey });
    expect(after.status).toBe(200);
    expect(after.body.data?.me.accountId).toMatch(/^acct_/);
    expect(rss).toBeLessThan(Math.max(1024, baseline.rss + 400));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// One case: a request, and what must be true of its response.

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  sse: boolean;
}

const TABLE = new Set(Object.keys(ERROR_CODES));
// Internals that must never reach a client. The generators below never produce these words themselves.
const LEAKS = [/\bat [^\s]+ \(?[^\s]*\.(?:js|ts|mjs|cjs):\d+/, /node_modules/, /PrismaClient|prisma\.\w+\.\w+\(/i, /invalid input syntax|violates|duplicate key value|syntax error at or near/i, /\/work\/|\/tmp\/doitong/];

/** The response's status, or a description of what is wrong with it. */
async function send(req: Case): Promise<number | string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.sse ? 1_500 : 20_000);
  let res: Response;
  try {
    res = await fetch(`${server.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, signal: controller.signal, redirect: "manual" });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  let text = "";
  try {
    text = await res.text();
  } catch {
    // an SSE stream cut by our own timeout: what arrived before is in no buffer we can read; the status is checked
  } finally {
    clearTimeout(timer);
  }
  if (res.status >= 500) return `HTTP ${res.status}: ${text.slice(0, 400)}`;
  const type = res.headers.get("content-type") ?? "";
  // (GraphiQL's page is a bundle of third-party code: its text is not an error message.)
  if (!type.includes("text/html")) for (const leak of LEAKS) if (leak.test(text)) return `leaks internals (${leak}): ${text.slice(0, 400)}`;
  const payloads: unknown[] = [];
  if (type.includes("json") && req.method !== "HEAD") {
    try {
      payloads.push(JSON.parse(text));
    } catch {
      return `invalid JSON with content-type ${type}: ${text.slice(0, 200)}`;
    }
  } else if (type.includes("text/event-stream")) {
    for (const line of text.split("\n")) if (line.startsWith("data:") && line.length > 5) payloads.push(safeJson(line.slice(5)));
  }
  for (const payload of payloads.flat()) {
    const errors = (payload as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null)?.errors;
    if (!Array.isArray(errors)) continue;
    for (const e of errors) {
      const code = e?.extensions?.code;
      if (typeof code !== "string" || !TABLE.has(code)) return `error without a table code: ${JSON.stringify(e).slice(0, 300)}`;
      if (code === "INTERNAL") {
        const id = String((e.extensions as { requestId?: string }).requestId);
        const logged = server.output().slice(server.output().indexOf(id), server.output().indexOf(id) + 1_500);
        return `INTERNAL error (an unhandled exception): ${JSON.stringify(e).slice(0, 300)}\n  server log: ${logged}`;
      }
    }
  }
  return res.status;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function describeCase(c: Case): string {
  const body = c.body === undefined ? "" : typeof c.body === "string" ? c.body : `<${c.body.length} bytes>`;
  return `${c.method} ${c.path.slice(0, 300)} ${JSON.stringify(c.headers)} ${body.slice(0, 600)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Generators. Case n is made from its own PRNG (seed, n), so any case replays alone.

const prng = seededRandom; // the same mulberry32 the local renderer uses: identical on every platform

type Rand = ReturnType<typeof helpers>;

function helpers(random: () => number) {
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => random() < p;
  return { random, int, pick, chance };
}

const WORDS = ["id", "status", "me", "plan", "lighthouse", "cat", "dawn", "émoji 🎬", "x", "null", "true", "0", "-1", "1e400", "NaN", "__proto__", "constructor", "💥", "\u0000", "\ud800", "\\", '"', "'", "{", "}", "$", "@", "...", "#", "\n", "\t", "[sandbox:outage]", "[sandbox:malformed]"];

function randomString(r: Rand, max = 40): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(WORDS);
    case 1:
      return Array.from({ length: r.int(max) }, () => String.fromCharCode(r.int(0x10000))).join("");
    case 2:
      return "x".repeat(r.pick([0, 1, 255, 256, 2_049, 10_001, 100_001]));
    case 3:
      return r.pick(["data:image/png;base64,iVBORw0KGgo=", "data:,", "data:text/html,<script>", "http://127.0.0.1/a.png", "http://169.254.169.254/latest", "file:///etc/passwd", "https://example.com/a.png", "javascript:alert(1)", "ftp://x"]);
    case 4:
      return r.pick(["gen_", "key_", "acct_", "whe_", "evt_"]) + r.int(2 ** 40).toString(36).slice(0, 1 + r.int(12));
    default:
      return Array.from({ length: 1 + r.int(5) }, () => r.pick(WORDS)).join(" ");
  }
}

function randomJson(r: Rand, depth = 0): unknown {
  const kind = r.int(depth > 4 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1.5, 1e308, -0, 20, 100, 101, 1_000_000]);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.chance(0.7) ? r.pick(ARG_NAMES) : randomString(r, 8), randomJson(r, depth + 1)]));
  }
}

const ARG_NAMES = ["id", "type", "input", "text", "image", "options", "provider", "priority", "first", "after", "duration", "resolution", "maxCost", "idempotencyKey", "webhookUrl", "strict", "prompt", "model", "name", "mode", "url", "events", "enabled", "endpointId", "packId", "plan"];

/** A document from the schema: random root fields, args of random (often wrong) values, random sub-selections. */
function randomDocument(r: Rand): { query: string; variables: Record<string, unknown> } {
  const op = r.pick(["query", "query", "query", "mutation", "subscription"] as const);
  const root = op === "query" ? schemaInfo.query : op === "mutation" ? schemaInfo.mutation : schemaInfo.subscription;
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const fields = Array.from({ length: 1 + r.int(op === "subscription" ? 1 : 3) }, () => {
    const field = r.pick(root);
    const args = field.args
      .filter((a) => a.required || r.chance(0.4))
      .map((a) => {
        if (r.chance(0.35)) {
          const name = `v${defs.length}`;
          defs.push(`$${name}: ${r.chance(0.8) ? a.type : r.pick(["String", "Int", "JSON", "ID!", "[String]", "GenerateInput!"])}`);
          if (r.chance(0.9)) variables[name] = r.chance(0.5) ? plausibleValue(r, a.type) : randomJson(r);
          return `${a.name}: $${name}`;
        }
        return `${a.name}: ${literal(r, a.type)}`;
      });
    const alias = r.chance(0.2) ? `${r.pick(["a", "b", "c"])}${r.int(50)}: ` : "";
    return `${alias}${field.name}${args.length ? `(${args.join(", ")})` : ""}${selection(r, field.type, 0)}`;
  });
  const name = r.chance(0.3) ? ` Op${r.int(5)}` : "";
  const head = defs.length ? `${op}${name}(${defs.join(", ")})` : r.chance(0.5) || op !== "query" ? `${op}${name}` : "";
  return { query: `${head} { ${fields.join(" ")} }`, variables };
}

function selection(r: Rand, typeName: string, depth: number): string {
  const type = schemaInfo.types.get(typeName.replace(/[[\]!]/g, ""));
  if (!type?.fields?.length) return r.chance(0.05) ? " { id }" : "";
  if (depth > 3 || r.chance(0.05)) return r.chance(0.5) ? "" : " { __typename }";
  const picked = Array.from({ length: 1 + r.int(5) }, () => r.pick(type.fields!));
  const parts = picked.map((f) => `${f.name}${f.args.length && r.chance(0.3) ? `(first: ${r.pick([1, 0, -5, 1000, 20])})` : ""}${selection(r, f.type, depth + 1)}`);
  if (r.chance(0.1)) parts.push(`... on ${typeName.replace(/[[\]!]/g, "")} { __typename }`);
  if (r.chance(0.05)) parts.push(`${r.pick(WORDS.slice(0, 4))} @include(if: ${r.pick(["true", "false", "$nope"])})`);
  return ` { ${parts.join(" ")} }`;
}

function plausibleValue(r: Rand, type: string): unknown {
  const named = type.replace(/[[\]!]/g, "");
  if (type.startsWith("[")) return [plausibleValue(r, named)];
  if (named === "GenerateInput") {
    const providers = ["local", "kling", "runway", "flux-dev", "elevenlabs", "heygen", "nope", undefined];
    return {
      type: r.pick(["VIDEO", "IMAGE", "AUDIO", "AVATAR", "image"]),
      input: { text: randomString(r, 60), ...(r.chance(0.3) ? { image: randomString(r) } : {}), ...(r.chance(0.1) ? { audio: randomString(r) } : {}) },
      ...(r.chance(0.7) ? { provider: r.pick(providers) } : {}),
      ...(r.chance(0.5) ? { options: randomJson(r) } : {}),
      ...(r.chance(0.2) ? { webhookUrl: randomString(r) } : {}),
      ...(r.chance(0.2) ? { maxCost: randomJson(r) } : {}),
      ...(r.chance(0.2) ? { idempotencyKey: randomString(r) } : {}),
      ...(r.chance(0.2) ? { priority: r.pick(["QUALITY", "SPEED", "COST", "BALANCED", "FAST"]) } : {}),
    };
  }
  if (named === "VideoCreateInput") return { prompt: randomString(r), ...(r.chance(0.5) ? { duration: randomJson(r), model: r.pick(["kling", "luma", "nope"]) } : {}) };
  const enumValues = schemaInfo.enums.get(named);
  if (enumValues) return r.chance(0.9) ? r.pick(enumValues) : randomString(r, 10);
  if (named === "Int") return r.pick([1, 20, 100, 0, -1, 2 ** 40]);
  if (named === "Boolean") return r.chance(0.5);
  return randomJson(r);
}

function literal(r: Rand, type: string): string {
  const value = plausibleValue(r, type);
  if (r.chance(0.15)) return r.pick(["null", "$missing", "{", "[1, [2, [3]]]", '"""block\\"""', "ENUM_VALUE", "-", "0x10", "1.2.3", '"\\u00"', `"${"\\u0000"}"`]);
  return toLiteral(value, schemaInfo.enums.has(type.replace(/[[\]!]/g, "")));
}

function toLiteral(value: unknown, isEnum = false): string {
  if (value === undefined) return "null";
  if (typeof value === "string") return isEnum && /^[A-Za-z_]\w*$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => toLiteral(v)).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{ ${Object.entries(value)
      .filter(([k]) => /^[A-Za-z_]\w*$/.test(k))
      .map(([k, v]) => `${k}: ${k === "type" || k === "priority" ? toLiteral(v, true) : toLiteral(v)}`)
      .join(", ")} }`;
  }
  return Number.isFinite(value as number) || typeof value === "boolean" ? String(value) : "null";
}

/** Breaks a text: cut, insert, delete, duplicate or swap characters. */
function mutateText(r: Rand, text: string): string {
  let out = text;
  for (let i = 0, n = 1 + r.int(4); i < n; i++) {
    const at = r.int(out.length + 1);
    switch (r.int(6)) {
      case 0:
        out = out.slice(0, at);
        break;
      case 1:
        out = out.slice(0, at) + r.pick(["{", "}", "(", ")", "[", "]", ":", "$", "@", "!", '"', "...", "#", "\u0000", "\ud83d", "query", "fragment F on Query", " ", ","]) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + r.int(10));
        break;
      case 3:
        out = out.slice(0, at) + out.slice(at, at + 40).repeat(1 + r.int(30)) + out.slice(at);
        break;
      case 4:
        out = out.slice(0, at) + "{".repeat(r.int(3000)) + out.slice(at);
        break;
      default:
        out = out.split("").reverse().join("").slice(0, r.int(out.length + 1)) + out;
    }
  }
  return out;
}

function authHeaders(r: Rand): Record<string, string> {
  const headers: Record<string, string> = {};
  switch (r.int(10)) {
    case 0:
      break;
    case 1:
      headers.authorization = r.pick(["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `Bearer ${"a".repeat(5000)}`, "bearer dk_live_", `Bearer dk_live_${"A".repeat(32)}`, `Bearer dk_test_${"_".repeat(32)}`, `Bearer ${liveKey}x`, `Bearer ${liveKey.slice(0, -1)}`]);
      break;
    case 2:
      headers.cookie = r.pick(["next-auth.session-token=garbage", "next-auth.session-token=%E0%A4%A", "a=b; next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z", "=", ";;;", "__Secure-next-auth.session-token=" + "x".repeat(4000)]);
      if (r.chance(0.5)) headers["x-doitong-csrf"] = "1";
      break;
    case 3:
      headers.authorization = `Bearer ${liveKey}`;
      break;
    default:
      headers.authorization = `Bearer ${testKey}`;
  }
  if (r.chance(0.15)) headers["idempotency-key"] = r.pick(["k", "k".repeat(256), "k".repeat(10_000), "\u00e9\u00ff", " ", randomString(r, 20).replace(/[^\x20-\x7e]/g, "")]);
  if (r.chance(0.1)) headers.accept = r.pick(["text/event-stream", "multipart/mixed", "application/graphql-response+json", "text/html", "*/*", "application/xml", "garbage;;q=x"]);
  if (r.chance(0.05)) headers["x-forwarded-host"] = r.pick(["evil.example", "", "a b", "x".repeat(300)]);
  if (r.chance(0.05)) headers.origin = "https://evil.example";
  return headers;
}

function makeCase(n: number): Case {
  const r = helpers(prng((SEED ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0));
  const headers = authHeaders(r);
  const path = r.chance(0.9) ? "/graphql" : r.pick(["/api/graphql", "/graphql?query={me{plan}}", "/graphql/extra", "/media/x/y.png?expires=1&sig=x", "/api/providers/kling/callback", "/api/providers/nope/callback?token=x"]);
  const doc = randomDocument(r);
  const query = r.chance(0.35) ? mutateText(r, doc.query) : doc.query;
  const variables = r.chance(0.15) ? randomJson(r) : doc.variables;
  const sse = headers.accept === "text/event-stream";
  const shape = r.int(20);
  const json = (value: unknown) => ({ method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value), sse });
  if (shape < 9) return json({ query, variables, ...(r.chance(0.2) ? { operationName: r.pick(["Op1", "Nope", "", null, 5]) } : {}) });
  if (shape === 9) return json(Array.from({ length: r.pick([0, 1, 2, 10, 11, 50]) }, () => ({ query: randomDocument(r).query })));
  if (shape === 10) return json(randomJson(r));
  if (shape === 11) return json({ query: r.chance(0.5) ? randomJson(r) : query, variables: randomJson(r), extensions: randomJson(r), [randomString(r, 6)]: 1 });
  if (shape === 12) {
    const body = JSON.stringify({ query, variables });
    return { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: mutateText(r, body), sse };
  }
  if (shape === 13) {
    const url = `${path.split("?")[0]}?query=${uriEncode(query)}&variables=${uriEncode(r.chance(0.7) ? JSON.stringify(variables) : mutateText(r, "{}"))}`;
    return { method: "GET", path: url.slice(0, 6000), headers, sse };
  }
  if (shape === 14) {
    const type = r.pick(["application/graphql", "text/plain", "application/x-www-form-urlencoded", "application/xml", "", "application/json; charset=utf-16", "application/graphql+json", "application/json;;;", "multipart/form-data; boundary=xyz"]);
    const body = type.startsWith("application/x-www") ? `query=${uriEncode(query)}&variables=${uriEncode(JSON.stringify(variables))}` : type.startsWith("multipart") ? `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query, variables })}\r\n--xyz--` : query;
    return { method: "POST", path, headers: { ...(type ? { "content-type": type } : {}), ...headers }, body: r.chance(0.3) ? mutateText(r, body) : body, sse };
  }
  if (shape === 15) {
    const bytes = new Uint8Array(r.pick([0, 1, 16, 1024, 65_536]));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
    return { method: "POST", path, headers: { "content-type": r.pick(["application/json", "application/octet-stream", "multipart/form-data; boundary=--"]), ...headers }, body: bytes, sse };
  }
  if (shape === 16) return { method: r.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET"]), path, headers: { "access-control-request-method": "POST", ...headers }, sse: false };
  if (shape === 17) {
    // Deeply nested variables, written as text: JSON.stringify itself would overflow the stack here.
    const q = `query($v: ${r.pick(["JSON", "GenerateInput!", "[ID!]!", "Int"])}) { generation(id: "x") { id } }`;
    return { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: `{"query":${JSON.stringify(q)},"variables":{"v":${deepJson(r)}}}`, sse };
  }
  // Valid-looking generate calls with random inputs: the paths that reach planning, pricing and the database.
  const input = plausibleValue(r, "GenerateInput!");
  const verb = r.pick(["generate", "estimate"]);
  const op = verb === "generate" ? "mutation" : "query";
  return json({ query: `${op}($input: GenerateInput!) { ${verb}(input: $input) { ${verb === "generate" ? "id status creditCost warnings" : "provider creditCost warnings"} } }`, variables: { input } });
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced. */
function uriEncode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

function deepJson(r: Rand): string {
  const n = r.pick([10, 40, 1000, 100_000]);
  const [open, close] = r.chance(0.5) ? ["[", "]"] : ['{"a":', "}"];
  return `${open.repeat(n)}${r.pick(["1", '"x"', "null"])}${close.repeat(n)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The schema, from the server's own introspection: new fields are fuzzed without touching this file.

interface FieldInfo {
  name: string;
  type: string;
  args: { name: string; type: string; required: boolean }[];
}

interface SchemaInfo {
  query: FieldInfo[];
  mutation: FieldInfo[];
  subscription: FieldInfo[];
  types: Map<string, { fields?: FieldInfo[] }>;
  enums: Map<string, string[]>;
}

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
const typeString = (t: TypeRef): string => (t.kind === "NON_NULL" ? `${typeString(t.ofType!)}!` : t.kind === "LIST" ? `[${typeString(t.ofType!)}]` : t.name!);

async function loadSchema(s: TestServer, apiKey: string): Promise<SchemaInfo> {
  const ref = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
  const res = await s.gql<{ __schema: { types: { name: string; kind: string; enumValues: { name: string }[] | null; fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] | null }[] } }>(
    `{ __schema { types { name kind enumValues { name } fields { name type { ${ref} } args { name type { ${ref} } } } } } }`,
    {},
    { apiKey },
  );
  const types = new Map<string, { fields?: FieldInfo[] }>();
  const enums = new Map<string, string[]>();
  for (const t of res.body.data!.__schema.types) {
    if (t.enumValues) enums.set(t.name, t.enumValues.map((v) => v.name));
    types.set(t.name, {
      fields: t.fields?.map((f) => ({ name: f.name, type: typeString(f.type), args: f.args.map((a) => ({ name: a.name, type: typeString(a.type), required: a.type.kind === "NON_NULL" })) })),
    });
  }
  const rootFields = (name: string) => types.get(name)?.fields ?? [];
  return { query: rootFields("Query"), mutation: rootFields("Mutation"), subscription: rootFields("Subscription"), types, enums };
}
