import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { type DocumentNode, GraphQLError, Kind, OperationTypeNode } from "graphql";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import { AppError } from "../errors";
import { type GraphQLContext, createContext } from "./context";
import { maskError, toGraphQLError, withTableCode } from "./errors";
import { useExpandBareObjectFields } from "./expand-bare-fields";
import { resolvers } from "./resolvers";
import { typeDefs } from "./type-defs";

export const schema = createSchema<GraphQLContext>({ typeDefs, resolvers });

/** Introspection needs no key, so GraphiQL can load the docs before a key is entered. */
function isIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== Kind.OPERATION_DEFINITION ||
      (d.operation === OperationTypeNode.QUERY &&
        d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"))),
  );
}

/** Authenticates before execution, so a missing or bad key is a 401 for the whole request. */
const useApiKeyAuth = (): Plugin<GraphQLContext> => ({
  async onExecute({ args }) {
    if (isIntrospectionOnly(args.document)) return;
    try {
      await (args.contextValue as GraphQLContext).caller();
    } catch (error) {
      throw error instanceof AppError ? toGraphQLError(error) : error;
    }
  },
});

/** Every error in every response carries a code from the error table (including Yoga's own 400s). */
const useTableCodes = (): Plugin => ({
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result) || !result || typeof result !== "object" || !("errors" in result) || !result.errors) return;
    setResult({ ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? withTableCode(e) : e)) });
  },
});

export type GraphQLEndpoint = "/graphql" | "/api/graphql";

const holder = globalThis as unknown as { __doitongYoga?: Map<GraphQLEndpoint, ReturnType<typeof build>> };

function build(graphqlEndpoint: GraphQLEndpoint) {
  return createYoga<object, GraphQLContext>({
    schema,
    graphqlEndpoint,
    context: ({ request }) => createContext(request),
    maskedErrors: { maskError },
    graphiql: { title: "Doitong API", defaultQuery: DEFAULT_QUERY, headers: JSON.stringify({ Authorization: "Bearer YOUR_API_KEY" }) },
    renderGraphiQL,
    landingPage: false,
    plugins: [useExpandBareObjectFields(schema), useApiKeyAuth(), useTableCodes()],
    fetchAPI: { Response },
  });
}

/** One Yoga per public path (they share the schema and everything behind it). */
export function yoga(endpoint: GraphQLEndpoint) {
  holder.__doitongYoga ??= new Map();
  let instance = holder.__doitongYoga.get(endpoint);
  if (!instance) holder.__doitongYoga.set(endpoint, (instance = build(endpoint)));
  return instance;
}

const DEFAULT_QUERY = `# Paste your API key in the Headers tab below, then run.
mutation Generate {
  generate(input: { type: IMAGE, input: { text: "A lighthouse at dawn" }, options: { aspectRatio: "16:9" } }) {
    id status provider creditCost estimatedTime
  }
}
`;
