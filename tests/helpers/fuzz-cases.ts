import { seededRandom } from "@/lib/providers/local/render-image";
import type { TestServer } from "./server";

// Request generators for tests/integration/fuzz.test.ts. Case n is built from its own PRNG (seed, n), so any case
// replays alone; documents come from the server's own introspection, so new fields are fuzzed without edits here.

export interface FuzzTarget {
  seed: number;
  schema: SchemaInfo;
  testKey: string;
  liveKey: string;
}

export interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  sse: boolean;
}

let target: FuzzTarget;

/** Binds the generators to a server's schema and keys; returns the case factory. */
export function fuzzCases(t: FuzzTarget): (n: number) => Case {
  target = t;
  return makeCase;
}

// ---------------------------------------------------------------------------------------------------------------
// Generators. Case n is made from its own PRNG (seed, n), so any case replays alone.

const prng = seededRandom; // the same mulberry32 the local renderer uses: identical on every platform

type Rand = ReturnType<typeof helpers>;

function helpers(random: () => number) {
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => random() < p;
  return { random, int, pick, chance };
}

const WORDS = [
  "id",
  "status",
  "me",
  "plan",
  "lighthouse",
  "cat",
  "dawn",
  "émoji 🎬",
  "x",
  "null",
  "true",
  "0",
  "-1",
  "1e400",
  "NaN",
  "__proto__",
  "constructor",
  "💥",
  "\u0000",
  "\ud800",
  "\\",
  '"',
  "'",
  "{",
  "}",
  "$",
  "@",
  "...",
  "#",
  "\n",
  "\t",
  "[sandbox:outage]",
  "[sandbox:malformed]",
];

function randomString(r: Rand, max = 40): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(WORDS);
    case 1:
      return Array.from({ length: r.int(max) }, () => String.fromCharCode(r.int(0x10000))).join("");
    case 2:
      return "x".repeat(r.pick([0, 1, 255, 256, 2_049, 10_001, 100_001]));
    case 3:
      return r.pick([
        "data:image/png;base64,iVBORw0KGgo=",
        "data:,",
        "data:text/html,<script>",
        "http://127.0.0.1/a.png",
        "http://169.254.169.254/latest",
        "file:///etc/passwd",
        "https://example.com/a.png",
        "javascript:alert(1)",
        "ftp://x",
      ]);
    case 4:
      return (
        r.pick(["gen_", "key_", "acct_", "whe_", "evt_"]) +
        r
          .int(2 ** 40)
          .toString(36)
          .slice(0, 1 + r.int(12))
      );
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

const ARG_NAMES = [
  "id",
  "type",
  "input",
  "text",
  "image",
  "options",
  "provider",
  "priority",
  "first",
  "after",
  "duration",
  "resolution",
  "maxCost",
  "idempotencyKey",
  "webhookUrl",
  "strict",
  "prompt",
  "model",
  "name",
  "mode",
  "url",
  "events",
  "enabled",
  "endpointId",
  "packId",
  "plan",
];

/** A document from the schema: random root fields, args of random (often wrong) values, random sub-selections. */
function randomDocument(r: Rand): { query: string; variables: Record<string, unknown> } {
  const op = r.pick(["query", "query", "query", "mutation", "subscription"] as const);
  const root = op === "query" ? target.schema.query : op === "mutation" ? target.schema.mutation : target.schema.subscription;
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
  const type = target.schema.types.get(typeName.replace(/[[\]!]/g, ""));
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
  const enumValues = target.schema.enums.get(named);
  if (enumValues) return r.chance(0.9) ? r.pick(enumValues) : randomString(r, 10);
  if (named === "Int") return r.pick([1, 20, 100, 0, -1, 2 ** 40]);
  if (named === "Boolean") return r.chance(0.5);
  return randomJson(r);
}

function literal(r: Rand, type: string): string {
  const value = plausibleValue(r, type);
  if (r.chance(0.15)) return r.pick(["null", "$missing", "{", "[1, [2, [3]]]", '"""block\\"""', "ENUM_VALUE", "-", "0x10", "1.2.3", '"\\u00"', `"${"\\u0000"}"`]);
  return toLiteral(value, target.schema.enums.has(type.replace(/[[\]!]/g, "")));
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
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean" ? String(value) : "null";
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
        out =
          out.slice(0, at) +
          r.pick(["{", "}", "(", ")", "[", "]", ":", "$", "@", "!", '"', "...", "#", "\u0000", "\ud83d", "query", "fragment F on Query", " ", ","]) +
          out.slice(at);
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
        out =
          out
            .split("")
            .reverse()
            .join("")
            .slice(0, r.int(out.length + 1)) + out;
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
      headers.authorization = r.pick([
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        `Bearer ${"a".repeat(5000)}`,
        "bearer dk_live_",
        `Bearer dk_live_${"A".repeat(32)}`,
        `Bearer dk_test_${"_".repeat(32)}`,
        `Bearer ${target.liveKey}x`,
        `Bearer ${target.liveKey.slice(0, -1)}`,
      ]);
      break;
    case 2:
      headers.cookie = r.pick([
        "next-auth.session-token=garbage",
        "next-auth.session-token=%E0%A4%A",
        "a=b; next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z",
        "=",
        ";;;",
        "__Secure-next-auth.session-token=" + "x".repeat(4000),
      ]);
      if (r.chance(0.5)) headers["x-doitong-csrf"] = "1";
      break;
    case 3:
      headers.authorization = `Bearer ${target.liveKey}`;
      break;
    default:
      headers.authorization = `Bearer ${target.testKey}`;
  }
  if (r.chance(0.15)) headers["idempotency-key"] = r.pick(["k", "k".repeat(256), "k".repeat(10_000), "\u00e9\u00ff", " ", randomString(r, 20).replace(/[^\x20-\x7e]/g, "")]);
  if (r.chance(0.1)) headers.accept = r.pick(["text/event-stream", "multipart/mixed", "application/graphql-response+json", "text/html", "*/*", "application/xml", "garbage;;q=x"]);
  if (r.chance(0.05)) headers["x-forwarded-host"] = r.pick(["evil.example", "", "a b", "x".repeat(300)]);
  if (r.chance(0.05)) headers.origin = "https://evil.example";
  return headers;
}

function makeCase(n: number): Case {
  const r = helpers(prng((target.seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0));
  const headers = authHeaders(r);
  const path = r.chance(0.9)
    ? "/graphql"
    : r.pick([
        "/api/graphql",
        "/graphql?query={me{plan}}",
        "/graphql/extra",
        "/media/x/y.png?expires=1&sig=x",
        "/api/providers/kling/callback",
        "/api/providers/nope/callback?token=x",
      ]);
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
    const type = r.pick([
      "application/graphql",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      "",
      "application/json; charset=utf-16",
      "application/graphql+json",
      "application/json;;;",
      "multipart/form-data; boundary=xyz",
    ]);
    const body = type.startsWith("application/x-www")
      ? `query=${uriEncode(query)}&variables=${uriEncode(JSON.stringify(variables))}`
      : type.startsWith("multipart")
        ? `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query, variables })}\r\n--xyz--`
        : query;
    return { method: "POST", path, headers: { ...(type ? { "content-type": type } : {}), ...headers }, body: r.chance(0.3) ? mutateText(r, body) : body, sse };
  }
  if (shape === 15) {
    const bytes = new Uint8Array(r.pick([0, 1, 16, 1024, 65_536]));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
    return {
      method: "POST",
      path,
      headers: { "content-type": r.pick(["application/json", "application/octet-stream", "multipart/form-data; boundary=--"]), ...headers },
      body: bytes,
      sse,
    };
  }
  if (shape === 16)
    return { method: r.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET"]), path, headers: { "access-control-request-method": "POST", ...headers }, sse: false };
  if (shape === 17) {
    // Deeply nested variables, written as text: JSON.stringify itself would overflow the stack here.
    const q = `query($v: ${r.pick(["JSON", "GenerateInput!", "[ID!]!", "Int"])}) { generation(id: "x") { id } }`;
    return { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: `{"query":${JSON.stringify(q)},"variables":{"v":${deepJson(r)}}}`, sse };
  }
  // Valid-looking generate calls with random inputs: the paths that reach planning, pricing and the database.
  const input = plausibleValue(r, "GenerateInput!");
  const verb = r.pick(["generate", "estimate"]);
  const op = verb === "generate" ? "mutation" : "query";
  return json({
    query: `${op}($input: GenerateInput!) { ${verb}(input: $input) { ${verb === "generate" ? "id status creditCost warnings" : "provider creditCost warnings"} } }`,
    variables: { input },
  });
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

export interface SchemaInfo {
  query: FieldInfo[];
  mutation: FieldInfo[];
  subscription: FieldInfo[];
  types: Map<string, { fields?: FieldInfo[] }>;
  enums: Map<string, string[]>;
}

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
const typeString = (t: TypeRef): string => (t.kind === "NON_NULL" ? `${typeString(t.ofType!)}!` : t.kind === "LIST" ? `[${typeString(t.ofType!)}]` : t.name!);

export async function loadSchema(s: TestServer, apiKey: string): Promise<SchemaInfo> {
  const ref = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
  const res = await s.gql<{
    __schema: {
      types: { name: string; kind: string; enumValues: { name: string }[] | null; fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] | null }[];
    };
  }>(`{ __schema { types { name kind enumValues { name } fields { name type { ${ref} } args { name type { ${ref} } } } } } }`, {}, { apiKey });
  const types = new Map<string, { fields?: FieldInfo[] }>();
  const enums = new Map<string, string[]>();
  for (const t of res.body.data!.__schema.types) {
    if (t.enumValues)
      enums.set(
        t.name,
        t.enumValues.map((v) => v.name),
      );
    types.set(t.name, {
      fields: t.fields?.map((f) => ({
        name: f.name,
        type: typeString(f.type),
        args: f.args.map((a) => ({ name: a.name, type: typeString(a.type), required: a.type.kind === "NON_NULL" })),
      })),
    });
  }
  const rootFields = (name: string) => types.get(name)?.fields ?? [];
  return { query: rootFields("Query"), mutation: rootFields("Mutation"), subscription: rootFields("Subscription"), types, enums };
}
