import { GraphQLError } from "graphql";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import { type GraphQLContext, createContext } from "./context";
import { maskError, withTableCode } from "./errors";
import { useAdmission } from "./admission";
import { useCatalogAnswers } from "./catalog-answers";
import { useExpandBareObjectFields } from "./expand-bare-fields";
import { useRequestLimits } from "./limits";
import { useObservability } from "./observe";
import { billingResolvers } from "./billing";
import { eventsResolvers } from "./events";
import { retentionResolvers } from "./retention";
import { uploadsResolvers } from "./uploads";
import { keyLimitsResolvers } from "./key-limits";
import { guardKeyScopes } from "./key-scopes";
import { usageResolvers } from "./usage";
import { withPermissions } from "./permissions";
import { teamsResolvers } from "./teams";
import { resolvers } from "./resolvers";
import { typeDefs } from "./schema";
import { processSingleton } from "../process-singleton";
import { TextResponse } from "../net/text-response";

// Every operation passes the permission table (./permissions.ts) and, for API keys, the key's scopes (./key-scopes.ts)
// before its resolver runs.
export const schema = withPermissions(
  guardKeyScopes(
    createSchema<GraphQLContext>({
      typeDefs,
      resolvers: [resolvers, billingResolvers, eventsResolvers, uploadsResolvers, keyLimitsResolvers, usageResolvers, teamsResolvers, retentionResolvers],
    }),
  ),
);

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
    // GraphiQL's page carries its editor (~7 MB of JavaScript in the server bundle), and only a browser's GET asks
    // for it: loaded then, in a chunk of its own, instead of parsed at every server start.
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
    landingPage: false,
    batching: { limit: 10 },
    plugins: [useAdmission(), useRequestLimits(schema), useExpandBareObjectFields(schema), useTableCodes(), useObservability(), useCatalogAnswers()],
    // useRequestLimits checks every body's size, with our codes and the smaller anonymous limit.
    maxRequestBodySize: false,
    fetchAPI: { Response: TextResponse },
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
