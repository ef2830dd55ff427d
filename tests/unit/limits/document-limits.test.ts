import { getIntrospectionQuery, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import * as dashboard from "@/components/graphql/generated";
import { checkDocumentShape, checkSource, checkVariables, documentCost, GRAPHQL_LIMITS } from "@/lib/graphql/document-limits";
import { schema } from "@/lib/graphql/yoga";

// The limits must let every document our own clients send through with room to spare, and refuse the shapes
// that cost a server real work: deep nesting, alias and list fan-out, huge token counts.
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  return undefined;
};

// Variables that make list fields as long as the dashboard ever asks for (webhook deliveries: 100 per page).
const VARIABLES: Record<string, Record<string, unknown>> = {
  PlaygroundProvidersDocument: { type: "VIDEO" },
  WebhookDeliveriesDocument: { first: 100 },
  HistoryDocument: { first: 100 },
  LedgerDocument: { first: 100 },
};
// Every document the dashboard sends (components/**/*.graphql, app/**/*.graphql), as urql prints it.
const DASHBOARD_DOCUMENTS = Object.entries(dashboard)
  .filter(([name]) => name.endsWith("Document"))
  .map(([name, document]): [string, string, Record<string, unknown>] => [`dashboard ${name}`, print(document as Parameters<typeof print>[0]), VARIABLES[name] ?? { id: "gen_1" }]);

const OUR_DOCUMENTS: [string, string, Record<string, unknown>][] = [
  ["GraphiQL introspection", getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }), {}],
  ...DASHBOARD_DOCUMENTS,
  [
    "full history page of 100",
    `{ generations(first: 100) { edges { cursor node { id status provider url progress metadata { width height } error { code message } attempts { provider status } } } } }`,
    {},
  ],
];

describe("our own documents", () => {
  it("include every dashboard document", () => {
    expect(DASHBOARD_DOCUMENTS.length).toBeGreaterThan(20);
  });

  it.each(OUR_DOCUMENTS)("%s passes every limit", (_, text, variables) => {
    expect(code(() => checkSource(text))).toBeUndefined();
    const document = parse(text);
    expect(checkDocumentShape(document)).toBeUndefined();
    const cost = documentCost(schema, document, undefined, variables);
    expect(cost).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxCost / 2);
  });
});

describe("refused shapes", () => {
  it("deep selections", () => {
    const deep = `{ ${"generations { nodes { ".repeat(6)}id${" } }".repeat(6)} }`;
    expect(checkDocumentShape(parse(deep))?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth", max: 10 });
  });

  it("depth hidden in fragments (checked before validation, so on any field names)", () => {
    const text = `{ a { ...F } } fragment F on X { b { c { ... on Y { d { e { f { g { h { i { j { k { l } } } } } } } } } } } }`;
    expect(checkDocumentShape(parse(text))?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth" });
  });

  it("too many aliases", () => {
    const text = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expect(checkDocumentShape(parse(text))?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "aliases" });
  });

  it("list fan-out through aliases and page sizes", () => {
    const text = `{ ${Array.from({ length: 20 }, (_, i) => `g${i}: generations(first: 100) { nodes { id attempts { provider status message } routing { candidates { provider reason } } } }`).join(" ")} }`;
    expect(documentCost(schema, parse(text))).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
  });

  it("counts a page size given as a variable", () => {
    const doc = parse(`query($n: Int) { creditLedger(first: $n) { nodes { id amount } } }`);
    expect(documentCost(schema, doc, undefined, { n: 100 })).toBeGreaterThan(documentCost(schema, doc, undefined, { n: 5 }));
  });

  it("bracket bombs and token floods, before the parser sees them", () => {
    expect(code(() => checkSource(`{ a(x: ${"[".repeat(5_000)}1${"]".repeat(5_000)}) }`))).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "nesting" });
    expect(code(() => checkSource(`${"{ a ".repeat(10_000)}`))).toMatchObject({ limit: "nesting" });
    expect(code(() => checkSource(`{ ${"a ".repeat(6_000)} }`))).toMatchObject({ limit: "tokens" });
  });

  it("fragment bombs (each fragment spreads the next twice)", () => {
    const defs = Array.from({ length: 25 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const text = `{ ...F0 } ${defs} fragment F25 on Query { me { plan } }`;
    expect(checkDocumentShape(parse(text))?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX" });
    expect(documentCost(schema, parse(text))).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
  });

  it("deep or huge variables", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkVariables({ input: deep }, "Variables")?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "variables" });
    expect(checkVariables({ list: Array.from({ length: 200_000 }, () => 0) }, "Variables")?.extensions).toMatchObject({ limit: "variables" });
    expect(checkVariables({ input: { type: "IMAGE", input: { text: "x".repeat(1_000_000) } } }, "Variables")).toBeUndefined();
  });

  it("NUL characters and unpaired surrogates, which PostgreSQL cannot store, as INVALID_INPUT naming where", () => {
    expect(checkVariables({ input: { input: { text: "a\ud800b" } } }, "Variables")?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "input.input.text" });
    expect(checkVariables({ input: { input: { text: "🎬 fine \ud83c\udfac" } } }, "Variables")).toBeUndefined();
    expect(checkVariables({ input: { input: { text: "a\u0000b" } } }, "Variables")?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "input.input.text" });
    expect(checkVariables({ input: { options: { "k\u0000": 1 } } }, "Variables")?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "input.options.k\u0000" });
    expect(code(() => checkSource(`{ generation(id: "\\u0000") { id } }`))).toMatchObject({ code: "INVALID_INPUT", field: "query" });
  });
});
