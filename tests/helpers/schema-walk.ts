import type { TestServer } from "./server";

// The schema as the server introspects it, and one plausible document per root field: every scalar field
// selected (objects two levels deep), every required argument given a plausible value. A field added later is
// walked too. (tests/integration/cross-account.test.ts also calls each field that takes an id with another
// account's ids, from each call's `args`.)

export type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
interface Field {
  name: string;
  type: TypeRef;
  args: { name: string; type: TypeRef }[];
}
export interface SchemaType {
  name: string;
  kind: string;
  fields: Field[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
}

export interface RootCall {
  operation: "query" | "mutation" | "subscription";
  /** "Query", "Mutation" or "Subscription". */
  root: string;
  field: string;
  /** The field's arguments (variables hold plausible values for the required ones). */
  args: { name: string; type: TypeRef }[];
  query: string;
  variables: Record<string, unknown>;
}

export const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const typeText = (t: TypeRef): string => (t.kind === "NON_NULL" ? `${typeText(t.ofType!)}!` : t.kind === "LIST" ? `[${typeText(t.ofType!)}]` : t.name!);

export async function introspect(server: TestServer): Promise<Map<string, SchemaType>> {
  const ref = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
  const res = await server.gql<{ __schema: { types: SchemaType[] } }>(
    `{ __schema { types { name kind enumValues { name } inputFields { name type { ${ref} } } fields { name type { ${ref} } args { name type { ${ref} } } } } } }`,
  );
  return new Map(res.body.data!.__schema.types.map((t) => [t.name, t]));
}

/** `enumValue`: which value a required enum argument gets (the last by default). */
export function rootCalls(types: Map<string, SchemaType>, { enumValue = "last" }: { enumValue?: "first" | "last" } = {}): RootCall[] {
  const selection = (t: TypeRef, depth = 0): string => {
    const type = types.get(named(t).name!)!;
    if (!type.fields) return "";
    const parts = type.fields
      .filter((f) => f.args.every((a) => a.type.kind !== "NON_NULL"))
      .map((f) => (types.get(named(f.type).name!)!.fields ? (depth < 2 ? `${f.name} ${selection(f.type, depth + 1)}` : "") : f.name))
      .filter(Boolean);
    return `{ ${parts.length ? parts.join(" ") : "__typename"} }`;
  };
  const plausible = (t: TypeRef): unknown => {
    if (t.kind === "NON_NULL") return plausible(t.ofType!);
    if (t.kind === "LIST") return [plausible(t.ofType!)];
    const type = types.get(t.name!)!;
    if (type.enumValues) return (enumValue === "first" ? type.enumValues[0] : type.enumValues.at(-1)!).name;
    if (type.inputFields) {
      const input: Record<string, unknown> = {};
      for (const f of type.inputFields) if (f.type.kind === "NON_NULL") input[f.name] = plausible(f.type);
      if (type.name === "GenerateInput") input.input = { text: "a probe" };
      return input;
    }
    return { Int: 1, Float: 1, Boolean: false, JSON: {}, DateTime: new Date().toISOString() }[t.name!] ?? "a probe";
  };
  const calls: RootCall[] = [];
  for (const [operation, root] of [
    ["query", "Query"],
    ["mutation", "Mutation"],
    ["subscription", "Subscription"],
  ] as const) {
    for (const f of types.get(root)?.fields ?? []) {
      const defs = f.args.map((arg) => `$${arg.name}: ${typeText(arg.type)}`);
      const args = f.args.length ? `(${f.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : "";
      const variables: Record<string, unknown> = {};
      for (const arg of f.args) if (arg.type.kind === "NON_NULL") variables[arg.name] = plausible(arg.type);
      calls.push({
        operation,
        root,
        field: f.name,
        args: f.args,
        query: `${operation}${defs.length ? `(${defs.join(", ")})` : ""} { ${f.name}${args} ${selection(f.type)} }`,
        variables,
      });
    }
  }
  return calls;
}

export interface WalkAnswer {
  text: string;
  errors: { path?: (string | number)[]; extensions?: { code?: string } }[];
  /** The field's own data, if any. */
  data: unknown;
}

/** Sends one call as a key or a session; subscriptions over SSE, reading their first event. */
export async function sendCall(server: TestServer, call: RootCall, as: { apiKey?: string; headers?: Record<string, string> }): Promise<WalkAnswer> {
  if (call.operation !== "subscription") {
    const res = await server.gql<Record<string, unknown>>(call.query, call.variables, as);
    return { text: JSON.stringify(res.body), errors: res.body.errors ?? [], data: res.body.data?.[call.field] };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream", ...as.headers };
  if (as.apiKey) headers.authorization = `Bearer ${as.apiKey}`;
  let text = "";
  let type = "";
  try {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: call.query, variables: call.variables }),
      signal: controller.signal,
    });
    type = res.headers.get("content-type") ?? "";
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    while (!type.includes("text/event-stream") || !text.includes("\n\n") || !/data:/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
  } catch {
    // aborted after the first event, or by the timer
  } finally {
    clearTimeout(timer);
  }
  const body = type.includes("application/json") ? text : text.match(/data:\s*(\{.*\})/)?.[1];
  if (!body) throw new Error(`${call.field}: no answer within 5 s (${type || "no response"}): ${text.slice(0, 200)}`);
  const payload = JSON.parse(body) as { errors?: WalkAnswer["errors"]; data?: Record<string, unknown> };
  return { text, errors: payload.errors ?? [], data: payload.data?.[call.field] };
}
