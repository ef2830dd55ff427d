import { apiRoutes } from "@/lib/server/api-routes";

// GET|POST|DELETE /mcp — the MCP server (Streamable HTTP, stateless). Served by server.mjs before Next; this route
// handler serves it when the app runs without the custom server.
export const { GET, POST, DELETE } = apiRoutes["/mcp"];
