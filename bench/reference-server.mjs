// The limit a Node GraphQL server can reach on this machine: graphql-yoga on plain node:http with a trivial schema,
// no plugins, no auth, no database. `npm run bench` starts it beside our server and states every case as a share of
// it. Plain JavaScript run by plain node, so no loader or bundler sits between it and the measurement.
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } }),
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  logging: false,
});
const server = createServer(yoga);
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
