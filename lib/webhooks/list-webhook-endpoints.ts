import type { Caller } from "../auth/caller";
import { db } from "../db";
import type { WebhookEndpoint } from "../generated/prisma/client";

/** The caller's endpoints, oldest first (the order they were added in). */
export async function listWebhookEndpoints(caller: Caller): Promise<WebhookEndpoint[]> {
  const client = await db();
  return client.webhookEndpoint.findMany({ where: { accountId: caller.accountId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
