import { apiRoutes } from "@/lib/server/api-routes";

// GET|POST /graphql — the public GraphQL endpoint (GraphiQL in a browser). The custom server (server.mjs) serves this
// path before Next reaches it; this route handler serves it when the app runs without it (`next start`, serverless).
export const { GET, POST, OPTIONS } = apiRoutes["/graphql"];
