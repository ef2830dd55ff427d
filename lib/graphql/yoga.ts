import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, OperationTypeNode } from "graphql";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import { AppError } from "../errors";
import { consumeRequestRate, minuteLimitError } from "../limits/consume-request-rate";
import { type GraphQLContext, createContext } from "./context";
import { maskError, toGraphQLError, withTableCode } from "./errors";
import { rateLimitHeaders, responseMeta } from "../limits/response-meta";
import { useExpandBareObjectFields } from "./expand-bare-fields";
import { MAX_REQUEST_BODY_BYTES, useRequestLimits } from "./limits";
import { useObservability } from "./observe";
import { billingResolvers, billingTypeDefs } from "./billing";
import { eventsResolvers, eventsTypeDefs } from "./events";
import { uploadsResolvers, uploadsTypeDefs } from "./uploads";
import { resolvers } from "./resolvers";
import { typeDefs } from "./type-defs";
import { processSingleton } from "../process-singleton";

export const schema = createSchema<GraphQLContext>({
  typeDefs: [typeDefs, billingTypeDefs, eventsTypeDefs, uploadsTypeDefs],
  resolvers: [resolvers, billingResolvers, eventsResolvers, uploadsResolvers],
});

/** Introspection needs no key, so GraphiQL can load the docs before a key is entered. */
function isIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== Kind.OPERATION_DEFINITION ||
      (d.operation === OperationTypeNode.QUERY &&
        d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"))),
  );
}

/** Root fields that start generations; each one in a document counts as a request of its own. */
const GENERATING_FIELDS = new Set(["generate", "videoCreate"]);

function requestPoints(document: DocumentNode, operationName?: string | null): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  const generating = operation?.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && GENERATING_FIELDS.has(s.name.value)).length ?? 0;
  return Math.max(1, generating);
}

/**
 * Before execution: authenticate (a missing or bad key is a 401 for the whole request), then count the request
 * against the account's per-minute limit (a 429 for the whole request when it does not fit). The window goes to
 * the response headers either way.
 */
const useAuthAndRequestLimits = (): Plugin<GraphQLContext> => ({
  onExecute: ({ args }) => authenticateAndCount(args),
  // Subscriptions (generationUpdated over SSE) do not go through onExecute: opening one is a request too.
  onSubscribe: ({ args }) => authenticateAndCount(args),
  onResponse({ request, response }) {
    for (const [name, value] of Object.entries(rateLimitHeaders(responseMeta(request)))) response.headers.set(name, value);
  },
});

async function authenticateAndCount(args: { document: DocumentNode; operationName?: string | null; contextValue: unknown }): Promise<void> {
  if (isIntrospectionOnly(args.document)) return;
  const ctx = args.contextValue as GraphQLContext;
  try {
    const caller = await ctx.caller();
    ctx.meta.limits = caller.limits;
    // The per-minute limit is for API requests; the dashboard's own polling does not spend it.
    if (caller.kind === "session") return;
    const window = await consumeRequestRate(caller.accountId, caller.limits, requestPoints(args.document, args.operationName));
    ctx.meta.window = window;
    if (window && !window.allowed) {
      ctx.meta.retryAfter = window.resetSeconds;
      throw minuteLimitError(window);
    }
  } catch (error) {
    throw error instanceof AppError ? toGraphQLError(error) : error;
  }
}

/** Every error in every response carries a code from the error table (including Yoga's own 400s). */
const useTableCodes = (): Plugin => ({
  onResultProcess(payload) {
    const { result } = payload;
    if (Array.isArray(result) || !result || typeof result !== "object" || !("errors" in result) || !result.errors) return;
    payload.setResult({ ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? withTableCode(e) : e)) });
  },
});

export type GraphQLEndpoint = "/graphql" | "/api/graphql";

function build(graphqlEndpoint: GraphQLEndpoint) {
  return createYoga<object, GraphQLContext>({
    schema,
    graphqlEndpoint,
    context: ({ request }) => createContext(request),
    maskedErrors: { maskError },
    graphiql: { title: "Doitong API", defaultQuery: DEFAULT_QUERY, headers: JSON.stringify({ Authorization: "Bearer YOUR_API_KEY" }) },
    renderGraphiQL,
    landingPage: false,
    batching: { limit: 10 },
    plugins: [useRequestLimits(schema), useExpandBareObjectFields(schema), useAuthAndRequestLimits(), useTableCodes(), useObservability()],
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    fetchAPI: { Response },
  });
}

/** One Yoga per public path (they share the schema and everything behind it). */
export function yoga(endpoint: GraphQLEndpoint) {
  const instances = processSingleton("yoga", () => new Map<GraphQLEndpoint, ReturnType<typeof build>>());
  let instance = instances.get(endpoint);
  if (!instance) instances.set(endpoint, (instance = build(endpoint)));
  return instance;
}

const DEFAULT_QUERY = `# Paste your API key in the Headers tab below, then run.
mutation Generate {
  generate(input: { type: IMAGE, input: { text: "A lighthouse at dawn" }, options: { aspectRatio: "16:9" } }) {
    id status provider creditCost estimatedTime
  }
}
`;
