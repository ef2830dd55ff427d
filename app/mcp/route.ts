import { handleMcpRequest } from "@/lib/mcp/handle-request";
import { withRequestId } from "@/lib/request-context";

// GET|POST|DELETE /mcp — the MCP server (Streamable HTTP, stateless) for agents, with an API key as Bearer.
const handler = withRequestId((request: Request) => handleMcpRequest(request));

export { handler as GET, handler as POST, handler as DELETE };
