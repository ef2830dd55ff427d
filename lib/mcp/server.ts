import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { getAccountOverview } from "../accounts/get-account-overview";
import type { ApiKeyCaller } from "../auth/caller";
import { requireKeyScope } from "../auth/key-scopes";
import { AppError } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { cancelGeneration } from "../generations/cancel-generation";
import { createGeneration } from "../generations/create-generation";
import { estimateGeneration } from "../generations/estimate-generation";
import { getGenerationOrThrow } from "../generations/get-generation";
import { waitForGeneration } from "../generations/wait-for-generation";
import { currentProviderListings } from "../providers/current-listings";
import { generationContent, type ToolContent } from "./result-content";
import { generateShape, generationTypeSchema, toGenerateInput } from "./tool-schemas";

/** The longest one tool call waits; an agent calls wait_for_generation again for longer jobs (videos). */
const MAX_WAIT_SECONDS = 300;

interface Extra {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification: (n: { method: "notifications/progress"; params: { progressToken: string | number; progress: number; total: number; message: string } }) => Promise<void>;
}

type ToolResult = { content: ToolContent[]; isError?: boolean };

/**
 * The MCP server for one authenticated request (stateless transport): the same lib/ verbs as GraphQL and /v1,
 * called with this caller — its credits, limits, test mode and routing.
 */
export function createMcpServer(caller: ApiKeyCaller, baseUrl: string): McpServer {
  const server = new McpServer({ name: "doitong", version: "1.0.0" }, { capabilities: { tools: {} } });
  const tool = <S extends z.ZodRawShape>(name: string, description: string, shape: S, run: (args: z.infer<z.ZodObject<S>>, extra: Extra) => Promise<ToolResult>) =>
    server.registerTool(name, { description, inputSchema: shape }, (async (args: z.infer<z.ZodObject<S>>, extra: Extra) => {
      try {
        return await run(args, extra);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return { isError: true, content: [{ type: "text", text: JSON.stringify({ code: error.code, message: error.message, ...error.details }) }] };
      }
    }) as never);

  const waitFor = async (generation: Generation, seconds: number, extra: Extra): Promise<ToolResult> => {
    const token = extra._meta?.progressToken;
    const outcome = await waitForGeneration(caller, generation.id, {
      timeoutMs: Math.min(seconds, MAX_WAIT_SECONDS) * 1000,
      signal: extra.signal,
      onUpdate: async (g) => {
        if (token === undefined) return;
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken: token, progress: g.status === "COMPLETED" ? 100 : g.progress, total: 100, message: `${g.status.toLowerCase()} ${g.progress}%` },
        });
      },
    });
    return { content: await generationContent(outcome.generation, baseUrl), isError: outcome.generation.status === "FAILED" || outcome.generation.status === "CANCELLED" };
  };
  const text = (value: unknown): ToolResult => ({ content: [{ type: "text", text: JSON.stringify(value) }] });
  const waitSeconds = z.number().int().min(0).max(MAX_WAIT_SECONDS).optional();

  tool("list_providers", "Providers that can make a type of media, with price, speed, availability and their models", { type: generationTypeSchema }, async ({ type }) => {
    return text(
      (await currentProviderListings(type, caller.mode)).map((p) => ({
        id: p.id,
        name: p.name,
        vendor: p.vendor,
        available: p.available,
        unavailableReason: p.unavailableReason,
        pricing: p.pricing,
        models: p.models.map((m) => m.id),
        inputs: p.inputs,
        preview: p.preview,
      })),
    );
  });
  tool("estimate", "What generate would choose and charge for this input; nothing is spent", generateShape, async (args) =>
    text(await estimateGeneration(caller, toGenerateInput(args))),
  );
  tool(
    "generate",
    "Start a generation and wait for it (up to wait_seconds, default 60; 0 returns at once). Sends progress notifications. Returns the media (inline when small, else a link) or the generation id to wait on.",
    { ...generateShape, wait_seconds: waitSeconds, idempotency_key: z.string().optional().describe("Retrying with the same key never pays twice") },
    async (args, extra) => {
      const { generation } = await createGeneration(caller, toGenerateInput(args, args.idempotency_key));
      return waitFor(generation, args.wait_seconds ?? 60, extra);
    },
  );
  // Reading a generation by id needs the `read` scope; `generate` already waits for its own result.
  tool("get_generation", "A generation's status, cost and result", { id: z.string() }, async ({ id }) => {
    requireKeyScope(caller, "read");
    return { content: await generationContent(await getGenerationOrThrow(caller, id), baseUrl) };
  });
  tool(
    "wait_for_generation",
    "Wait until a generation finishes (up to wait_seconds, default 120), sending progress notifications",
    { id: z.string(), wait_seconds: waitSeconds },
    async ({ id, wait_seconds }, extra) => {
      requireKeyScope(caller, "read");
      return waitFor(await getGenerationOrThrow(caller, id), wait_seconds ?? 120, extra);
    },
  );
  tool("cancel_generation", "Cancel a generation that has not finished; its reserved credits are released", { id: z.string() }, async ({ id }) =>
    text({ id, cancelled: await cancelGeneration(caller, id) }),
  );
  tool("get_balance", "The account's credit balance, reserved credits, plan and limits", {}, async () => {
    requireKeyScope(caller, "read");
    const account = await getAccountOverview(caller);
    return text({ balance: account.credits.balance, reserved: account.credits.reserved, plan: account.plan, limits: account.limits, mode: caller.mode });
  });
  return server;
}
