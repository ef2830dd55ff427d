import { buildSchema, graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { variableField } from "@/lib/graphql/errors";

// Messages come from graphql-js itself, so an upgrade that changes their wording fails here, not in production.
const schema = buildSchema(`enum T { A B } input D { text: String } input G { type: T!, input: D!, n: Int } type Query { f(input: G!): Int }`);

async function fieldFor(variables: Record<string, unknown>) {
  const result = await graphql({ schema, source: "query($input: G!) { f(input: $input) }", variableValues: variables });
  return variableField(result.errors![0].message);
}

describe("variableField", () => {
  it.each([
    [{ input: { type: "X", input: {} } }, "type"],
    [{ input: { input: {} } }, "type"],
    [{ input: { type: "A", input: { text: 3 } } }, "input.text"],
    [{ input: { type: "A" } }, "input"],
    [{}, "input"],
    [{ input: { type: "A", input: {}, n: "x" } }, "n"],
    [{ input: { type: "A", input: {}, extra: 1 } }, "extra"],
  ])("finds the field of %j", async (variables, field) => {
    expect(await fieldFor(variables)).toBe(field);
  });
});
