import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Source,
  TokenKind,
} from "graphql";

/**
 * How big a GraphQL request may be. Each limit sits far above what the dashboard, GraphiQL and the product page's
 * samples send (tests/unit/limits/document-limits.test.ts measures them) and far below what would cost the server
 * real work: a document is checked before it is parsed (size, tokens, nesting), before it is validated (depth,
 * aliases, operations) and, with its variables, before it runs (cost).
 */
export const GRAPHQL_LIMITS = {
  /** Whole request body. Inputs may be data: URIs of up to 28 MB (plan-generation.ts MAX_DATA_URI_LENGTH). */
  maxBodyBytes: 30 * 1024 * 1024,
  /** The query text itself; inputs belong in variables. */
  maxDocumentChars: 100_000,
  /** Lexical tokens in the query text (the introspection query GraphiQL sends has a few hundred). */
  maxTokens: 5_000,
  /** Brackets, braces and parentheses open at once, anywhere in the text (selections and literal values). */
  maxNesting: 32,
  /** Fields nested in fields, fragments expanded; introspection is bounded by graphql's own rule instead. */
  maxDepth: 10,
  maxAliases: 30,
  /** Operation and fragment definitions in one document. */
  maxDefinitions: 30,
  /** Operations in one batched (JSON array) request. */
  maxBatch: 10,
  /** See documentCost. */
  maxCost: 20_000,
  /** Nesting of JSON in `variables` and `extensions`, and values in them. */
  maxVariableDepth: 32,
  maxVariableValues: 100_000,
} as const;

/**
 * Tighter limits for requests without a valid key, which may only ask for introspection and `__typename`:
 * GraphiQL's introspection query is about 2 KB and 200 tokens. Small bounds keep what such a request can cost
 * (reading, lexing, parsing, validating) small — validation's work grows with the square of repeated fields.
 */
export const ANONYMOUS_LIMITS = {
  maxBodyBytes: 64 * 1024,
  maxDocumentChars: 16_000,
  maxTokens: 1_000,
} as const;

export type LimitName = "body" | "document" | "tokens" | "nesting" | "depth" | "aliases" | "definitions" | "batch" | "cost" | "variables";

/** QUERY_TOO_COMPLEX, with the limit that was hit, as a client can read it (`extensions.limit`, `extensions.max`). */
export function tooComplex(limit: LimitName, max: number, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit, max, http: { status } } });
}

/**
 * Lexes the text once before graphql parses it: counts tokens and the deepest bracket nesting, so that neither a
 * huge document nor `{{{{…` or `[[[[…` deep enough to exhaust the parser's stack is ever parsed. The lexer is a
 * loop, not recursion. Syntax errors are left for the parser to report.
 */
export function checkSource(text: string, maxTokens: number = GRAPHQL_LIMITS.maxTokens): void {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let depth = 0;
  for (;;) {
    let kind: TokenKind;
    try {
      kind = lexer.advance().kind;
    } catch {
      return; // a syntax error: parse() reports it with its position
    }
    if (kind === TokenKind.EOF) return;
    if ((kind === TokenKind.STRING || kind === TokenKind.BLOCK_STRING) && UNSTORABLE_TEXT.test(lexer.token.value)) throw unstorableText("query");
    if (++tokens > maxTokens) {
      throw tooComplex("tokens", maxTokens, `The query has more than ${maxTokens} tokens: split it into smaller queries`);
    }
    if (kind === TokenKind.BRACE_L || kind === TokenKind.BRACKET_L || kind === TokenKind.PAREN_L) {
      if (++depth > GRAPHQL_LIMITS.maxNesting) {
        throw tooComplex("nesting", GRAPHQL_LIMITS.maxNesting, `The query nests more than ${GRAPHQL_LIMITS.maxNesting} levels of brackets`);
      }
    } else if (kind === TokenKind.BRACE_R || kind === TokenKind.BRACKET_R || kind === TokenKind.PAREN_R) {
      depth = Math.max(0, depth - 1);
    }
  }
}

const isIntrospectionField = (name: string) => name === "__schema" || name === "__type";

/** Depth, aliases and definition count of a parsed document (variable-free, so the verdict can be cached). */
export function checkDocumentShape(document: DocumentNode): GraphQLError | undefined {
  const { maxDefinitions, maxAliases, maxDepth } = GRAPHQL_LIMITS;
  if (document.definitions.length > maxDefinitions) {
    return tooComplex("definitions", maxDefinitions, `The document has ${document.definitions.length} definitions; at most ${maxDefinitions} are allowed`);
  }
  const fragments = fragmentsOf(document);
  let aliases = 0;
  let deepest = 0;
  // Iterative walk; a fragment is expanded where it is spread (cycles are cut here and reported by validation).
  const stack: { set: SelectionSetNode; depth: number; via: ReadonlySet<string> }[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) stack.push({ set: def.selectionSet, depth: 0, via: new Set() });
  }
  let visited = 0;
  while (stack.length) {
    const { set, depth, via } = stack.pop()!;
    // Expanding fragments can blow up (a fragment spread twice per level); the walk itself has a budget.
    if (++visited > 50_000) return tooComplex("depth", maxDepth, "The document's fragments expand to too many selections");
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases += 1;
        if (!sel.selectionSet || isIntrospectionField(sel.name.value)) continue;
        deepest = Math.max(deepest, depth + 1);
        if (deepest > maxDepth) return tooComplex("depth", maxDepth, `The query nests fields ${deepest} deep; at most ${maxDepth} levels are allowed`);
        stack.push({ set: sel.selectionSet, depth: depth + 1, via });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        stack.push({ set: sel.selectionSet, depth, via });
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !via.has(name)) stack.push({ set: fragment.selectionSet, depth, via: new Set([...via, name]) });
      }
    }
  }
  // Aliases are counted once per place they are written, not per expansion.
  if (aliases > maxAliases) return tooComplex("aliases", maxAliases, `The query uses ${aliases} aliases; at most ${maxAliases} are allowed`);
  return undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) map.set(def.name.value, def);
  return map;
}

/** Assumed length of a list without a `first` argument (providers, candidates, attempts…). */
const DEFAULT_LIST_SIZE = 10;
const MAX_LIST_SIZE = 1_000;

/**
 * The cost of running an operation: an upper estimate of the objects and fields the server may produce. Every
 * field costs 1; an object field's selection is multiplied by its expected list length — its `first` argument
 * (literal, variable or default) for paginated fields, whose `edges`/`nodes` are then not multiplied again, or
 * DEFAULT_LIST_SIZE for other lists. Aliases count as often as they are written; `__typename` and introspection
 * are free here (graphql's MaxIntrospectionDepthRule bounds introspection).
 */
export function documentCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): number {
  const operation = pickOperation(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  const vars = variables ?? {};

  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType, via: ReadonlySet<string>, budget: { left: number }): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (--budget.left < 0) return Infinity; // a fragment bomb: give up counting, it is too costly anyway
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(sel, parent, via, budget);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += costOf(sel.selectionSet, on ?? parent, via, budget);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (!fragment || via.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
        total += costOf(fragment.selectionSet, on, new Set([...via, fragment.name.value]), budget);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, via: ReadonlySet<string>, budget: { left: number }): number => {
    const name = node.name.value;
    if (name === "__typename" || isIntrospectionField(name)) return 0;
    const field = fieldOf(parent, name);
    if (!field) return 1;
    const named = getNamedType(field.type);
    if (!node.selectionSet || !isCompositeType(named)) return 1;
    return 1 + listSize(field, node, parent, vars) * costOf(node.selectionSet, named, via, budget);
  };

  return costOf(operation.selectionSet, root, new Set(), { left: 50_000 });
}

function pickOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLNamedType, variables: Record<string, unknown>): number {
  const firstArg = field.args.find((a) => a.name === "first");
  if (firstArg) {
    const given = node.arguments?.find((a) => a.name.value === "first")?.value;
    let value: unknown = firstArg.defaultValue;
    if (given?.kind === Kind.INT) value = Number(given.value);
    else if (given?.kind === Kind.VARIABLE) value = variables[given.name.value] ?? firstArg.defaultValue;
    const n = typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : DEFAULT_LIST_SIZE;
    return Math.min(MAX_LIST_SIZE, Math.max(1, n));
  }
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (!isListType(type)) return 1;
  // A connection's `edges` and `nodes` are the page its `first` already counted.
  if ((field.name === "edges" || field.name === "nodes") && parent.name.endsWith("Connection")) return 1;
  return DEFAULT_LIST_SIZE;
}

/**
 * Bounds JSON in `variables`/`extensions`: nesting and number of values. JSON.parse accepts any depth, and code
 * further on (validation of options, JSON.stringify into the database) recurses, so this is checked iteratively
 * before anything else looks at them.
 */
export function checkVariables(value: unknown, what: string): GraphQLError | undefined {
  const { maxVariableDepth, maxVariableValues } = GRAPHQL_LIMITS;
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: "" }];
  let count = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++count > maxVariableValues) return tooComplex("variables", maxVariableValues, `${what} hold more than ${maxVariableValues} values`);
    if (typeof v === "string" && UNSTORABLE_TEXT.test(v)) return unstorableText(path);
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxVariableDepth) return tooComplex("variables", maxVariableDepth, `${what} nest more than ${maxVariableDepth} levels deep`);
    const entries = Array.isArray(v) ? v.map((child, i) => [String(i), child] as const) : Object.entries(v);
    for (const [key, child] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (UNSTORABLE_TEXT.test(key)) return unstorableText(at);
      stack.push({ v: child, depth: depth + 1, path: at });
    }
  }
  return undefined;
}

/**
 * Text anywhere in the API may end up in PostgreSQL, whose text and JSON types cannot hold NUL or an unpaired
 * UTF-16 surrogate (`"\\ud800"` is valid JSON, but not valid Unicode). Refused as input, naming where.
 */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableText(field: string): GraphQLError {
  return new GraphQLError("Text may not contain NUL characters (\\u0000) or unpaired surrogates (\\ud800–\\udfff)", {
    extensions: { code: "INVALID_INPUT", field: field || "variables", http: { status: 400 } },
  });
}
