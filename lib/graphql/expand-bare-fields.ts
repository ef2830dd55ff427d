import { type DocumentNode, type FieldNode, type GraphQLSchema, getNamedType, isLeafType, isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo } from "graphql";
import type { Plugin } from "graphql-yoga";
import { envelopDocument } from "./envelop-values";

/**
 * The product page's samples select object fields bare (`metadata`, `error`), which plain GraphQL rejects.
 * Before validation, a bare field of object type is given a selection of all its leaf fields, so those samples
 * work verbatim. Fields selected the normal way are untouched.
 */
export function expandBareObjectFields(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(node: FieldNode): FieldNode | undefined {
          if (node.selectionSet) return undefined;
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : undefined;
          if (!named || !isObjectType(named)) return undefined;
          const leaves = Object.values(named.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0);
          if (leaves.length === 0) return undefined;
          return {
            ...node,
            selectionSet: {
              kind: Kind.SELECTION_SET,
              selections: leaves.map((f) => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: f.name } })),
            },
          };
        },
      },
    }),
  );
}

/**
 * The expansion is done once per parsed document and the same expanded document is handed on every time: Yoga's
 * parser cache returns the same parsed document for the same query text, and its validation cache is keyed by the
 * document object, so a fresh copy per request made every request validate again (the most expensive step of a
 * small request's GraphQL work).
 */
export function useExpandBareObjectFields(schema: GraphQLSchema): Plugin {
  const expanded = new WeakMap<DocumentNode, DocumentNode>();
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (!result || result instanceof Error || !("kind" in result)) return;
        const parsed = envelopDocument(result);
        let document = expanded.get(parsed);
        if (!document) expanded.set(parsed, (document = expandBareObjectFields(schema, parsed)));
        if (document !== parsed) replaceParseResult(document);
      };
    },
  };
}
