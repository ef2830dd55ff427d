import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { WebhookEndpoint } from "../generated/prisma/client";

/** The caller's endpoint, or NOT_FOUND — also for ids of another account, or of the other mode for an API key. */
export async function getWebhookEndpointOrThrow(caller: Caller, id: string): Promise<WebhookEndpoint> {
  const client = await db();
  const endpoint = await client.webhookEndpoint.findFirst({ where: { id, accountId: caller.accountId, ...modeScope(caller) } });
  if (!endpoint) throw notFound("Webhook endpoint", id);
  return endpoint;
}
