import { parse, print, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { expandBareObjectFields } from "@/lib/graphql/expand-bare-fields";
import { schema } from "@/lib/graphql/yoga";

describe("expandBareObjectFields", () => {
  it("turns the product page's bare `metadata` and `error` into valid selections", () => {
    const doc = parse(`mutation G($input: GenerateInput!) { generate(input: $input) { id metadata error errorCode } }`);
    expect(validate(schema, doc)).not.toHaveLength(0);
    const expanded = expandBareObjectFields(schema, doc);
    expect(validate(schema, expanded)).toHaveLength(0);
    const text = print(expanded);
    expect(text).toMatch(/metadata \{\s+width\s+height\s+duration/);
    expect(text).toMatch(/error \{\s+code\s+message\s+\}/);
  });

  it("leaves explicit selections and leaf fields alone", () => {
    const source = `query Q($id: ID!) {\n  generation(id: $id) {\n    status\n    metadata {\n      duration\n    }\n  }\n}`;
    expect(print(expandBareObjectFields(schema, parse(source)))).toBe(source);
  });
});
