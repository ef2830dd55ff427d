import { isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { FIELD_SCOPES } from "@/lib/graphql/key-scopes";
import { schema } from "@/lib/graphql/yoga";

// Every operation of the schema says which key scope it needs (or none), so a new one cannot slip in unguarded.
describe("key scopes of the GraphQL schema", () => {
  it("names a scope (or none) for every root field, and only fields that exist", () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t !== null && t !== undefined);
    const coordinates = roots.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    expect(coordinates.filter((c) => !(c in FIELD_SCOPES))).toEqual([]);
    for (const coordinate of Object.keys(FIELD_SCOPES)) {
      const [typeName, field] = coordinate.split(".");
      const type = schema.getType(typeName);
      expect(isObjectType(type) && field in type.getFields(), coordinate).toBe(true);
    }
  });
});
