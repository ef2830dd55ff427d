// The limit a Node GraphQL server can reach on this machine: graphql-yoga on plain node:http with a trivial schema,
// no plugins, no auth, no database. `npm run bench` starts it beside our server and states every case as a share of
// it. Plain JavaScript run by plain node, so no loader or bundler sits between it and the measurement.
//   DOITONG_REFERENCE_TURNS=1: the same server taking turns of the event loop as ours does (lib/server/turns.ts,
//   restated below in its simplest form so that this file stays plain JavaScript): what that technique alone is
//   worth to a Node server, reported beside the reference, not instead of it.
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { setImmediate } from "node:timers";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } }),
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  logging: false,
});

/** Requests start while this turn of the event loop has spent under 1 ms; the rest wait, in order, for the next. */
function takingTurns(serve) {
  const waiting = [];
  let turnStart = 0;
  let scheduled = false;
  const nextTurn = () => {
    scheduled = false;
    turnStart = performance.now();
    while (waiting.length && performance.now() - turnStart < 1) serve(...waiting.shift());
    if (waiting.length) {
      scheduled = true;
      setImmediate(nextTurn);
    }
  };
  return (req, res) => {
    const now = performance.now();
    if (!scheduled) {
      turnStart = now;
      scheduled = true;
      setImmediate(nextTurn);
    }
    if (waiting.length || now - turnStart >= 1) waiting.push([req, res]);
    else serve(req, res);
  };
}

const server = createServer(process.env.DOITONG_REFERENCE_TURNS === "1" ? takingTurns(yoga) : yoga);
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
