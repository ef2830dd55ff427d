import fs from "node:fs";
import { parse } from "yaml";
import { FakeApp, type FakeReply, type FakeRequest, type RecordedRequest } from "@/lib/providers/sandbox/fake-app";
import type { VendorContract } from "./openapi-contract";

/**
 * A vendor that answers only with documented responses (tests/fixtures/vendors/<vendor>/): each route replies
 * with the next entry of its list, repeating the last. Our adapters run against it to show they parse what the
 * vendor documents, not only what our own fake sends.
 */
export interface ReplayVendor {
  url: string;
  app: FakeApp;
  close(): Promise<void>;
}

export type Replies = FakeReply[] | ((req: FakeRequest, app: FakeApp) => FakeReply | Promise<FakeReply>);

export async function startReplayVendor(name: string, routes: Record<string, Replies>): Promise<ReplayVendor> {
  const app = new FakeApp(`${name} (documented responses)`);
  for (const [route, replies] of Object.entries(routes)) {
    const [method, path] = route.split(" ");
    let served = 0;
    app.route(method, path, (req) => (typeof replies === "function" ? replies(req, app) : replies[Math.min(served++, replies.length - 1)]));
  }
  const server = await app.listen();
  return { url: server.url, app, close: server.close };
}

/** A small real PNG/MP4/MP3 served at a local URL, for documented result links (which point at the vendor's CDN). */
export function publishLocal(app: FakeApp, origin: string, bytes: Buffer, contentType: string): string {
  return app.publish(origin, bytes, contentType, 60_000);
}

/**
 * Every request our adapter sent, checked against the vendor's published schema: the operation exists, the body
 * validates (JSON, or multipart fields with files as strings), and (stricter than a schema that allows extra
 * fields) every top-level field we send is one the vendor declares. Returns one line per problem.
 */
export async function contractProblems(
  contract: VendorContract,
  requests: readonly RecordedRequest[],
  declared?: (operationId: string) => readonly string[] | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  for (const r of requests) {
    if (r.path.startsWith("/_files/")) continue; // result downloads are not API calls
    const where = `${r.method} ${r.path}`;
    const operation = contract.operationFor(r.method, r.path);
    if (!operation) {
      problems.push(`${where}: not an operation of the vendor's API`);
      continue;
    }
    const type = String(r.headers["content-type"] ?? "");
    const body = await bodyOf(r, type);
    const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
    for (const e of contract.requestErrors({ method: r.method, path: r.path, headers, query: r.query, body })) problems.push(`${where}: ${e}`);
    const known = declared?.(operation);
    if (body && known) for (const key of Object.keys(body)) if (!known.includes(key)) problems.push(`${where}: field "${key}" is not in the vendor's schema`);
  }
  return problems;
}

async function bodyOf(r: RecordedRequest, type: string): Promise<Record<string, unknown> | undefined> {
  if (/json/.test(type) && r.body) return JSON.parse(r.body) as Record<string, unknown>;
  if (!type.startsWith("multipart/form-data")) return undefined;
  const form = await new Request("http://contract.invalid/", { method: "POST", headers: { "content-type": type }, body: Buffer.from(r.body, "utf8") }).formData();
  // Form fields travel as text; a vendor reads numeric fields as numbers, so they are checked as numbers.
  const value = (v: FormDataEntryValue | null) => (v instanceof Blob ? "(file)" : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v));
  return Object.fromEntries([...form.keys()].map((k) => [k, value(form.get(k))]));
}

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[] };
type Spec = {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** The top-level request fields each operation of a vendor's OpenAPI file declares (JSON bodies), by operationId. */
export function declaredFields(file: string): (operationId: string) => readonly string[] | undefined {
  const text = fs.readFileSync(file, "utf8");
  const spec = (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as Spec;
  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? resolve(spec.components?.schemas?.[schema.$ref.split("/").at(-1) ?? ""]) : schema);
  const fields = new Map<string, string[]>();
  for (const operations of Object.values(spec.paths)) {
    for (const op of Object.values(operations)) {
      const content = op.requestBody?.content;
      const schema = resolve(content?.["application/json"]?.schema ?? content?.["multipart/form-data"]?.schema);
      const names = [...Object.keys(schema?.properties ?? {}), ...(schema?.allOf ?? []).flatMap((s) => Object.keys(resolve(s)?.properties ?? {}))];
      if (op.operationId && names.length) fields.set(op.operationId, names);
    }
  }
  return (operationId) => fields.get(operationId);
}
