import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import type { WebhookEndpoint } from "../generated/prisma/client";

/** The caller's endpoints (an API key: of its own mode), oldest first (the order they were added in). */
export async function listWebhookEndpoints(caller: Caller): Promise<WebhookEndpoint[]> {
  const client = await db();
  return client.webhookEndpoint.findMany({ where: { accountId: caller.accountId, ...modeScope(caller) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
