import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticateApiRequestOrThrow } from "../auth/authenticate-api-request";
import { AppError } from "../errors";
import { rateLimitHeaders, responseMeta } from "../limits/response-meta";
import { publicBaseUrl } from "../net/client-address";
import { createMcpServer } from "./server";

/**
 * One MCP request over Streamable HTTP, stateless: a fresh server and transport per request (no session to keep
 * across instances), authenticated by an API key as Bearer and counted against the per-minute limit like any
 * API request. A missing or bad key is a 401 before any MCP message is read, with the rate limits in the headers.
 */
export async function handleMcpRequest(request: Request): Promise<Response> {
  const meta = responseMeta(request);
  let response: Response;
  try {
    const caller = await authenticateApiRequestOrThrow(request, meta);
    const server = createMcpServer(caller, publicBaseUrl(request));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    response = await transport.handleRequest(request);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "WORKSPACE_SUSPENDED" ? 403 : error.code === "RATE_LIMIT" ? 429 : 400;
    response = Response.json({ jsonrpc: "2.0", id: null, error: { code: -32001, message: error.message, data: { code: error.code } } }, { status });
    if (status === 401) response.headers.set("www-authenticate", 'Bearer realm="doitong"');
  }
  for (const [name, value] of Object.entries(rateLimitHeaders(meta))) response.headers.set(name, value);
  return response;
}
