import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import { wakeWebhookDispatcher } from "../dispatch/wake-webhook-dispatcher";
import type { DeliveryWithAttempts } from "./list-webhook-deliveries";

/**
 * Sends a delivery again, now, with the same webhook-id (receivers that de-duplicate by it see the same message)
 * and a fresh retry schedule. Its earlier attempts stay in the log. An endpoint that is disabled must be enabled
 * first. An API key can only redeliver its own mode's deliveries (a test key never re-sends live messages).
 */
export async function redeliverWebhook(caller: Caller, id: string): Promise<DeliveryWithAttempts> {
  const client = await db();
  const delivery = await client.webhookDelivery.findFirst({ where: { id, accountId: caller.accountId, ...modeScope(caller) }, include: { endpoint: true } });
  if (!delivery) throw notFound("Webhook delivery", id);
  if (delivery.endpoint && !delivery.endpoint.enabled) throw invalidInput("id", "The endpoint of this delivery is disabled: enable it first");
  const updated = await client.webhookDelivery.update({
    where: { id },
    data: { status: "PENDING", attemptCount: 0, nextAttemptAt: new Date(), lockedUntil: null },
    include: { attempts: { orderBy: { attemptedAt: "asc" } } },
  });
  wakeWebhookDispatcher();
  return updated;
}
