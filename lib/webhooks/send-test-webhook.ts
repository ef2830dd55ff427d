import type { Caller } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import { newId } from "../ids";
import { wakeWebhookDispatcher } from "../dispatch/wake-webhook-dispatcher";
import { TEST_EVENT_TYPE } from "./event-filter";
import { getWebhookEndpointOrThrow } from "./get-webhook-endpoint";
import type { DeliveryWithAttempts } from "./list-webhook-deliveries";
import { webhookPayload } from "./webhook-payload";

/**
 * Queues a `webhook.test` message to one endpoint, signed (with its mode's secret) and retried like any other. An
 * API key reaches only its own mode's endpoints.
 */
export async function sendTestWebhook(caller: Caller, endpointId: string, now = new Date()): Promise<DeliveryWithAttempts> {
  const endpoint = await getWebhookEndpointOrThrow(caller, endpointId);
  if (!endpoint.enabled) throw invalidInput("endpointId", "This endpoint is disabled: enable it first");
  const client = await db();
  const delivery = await client.webhookDelivery.create({
    data: {
      id: newId("msg"),
      accountId: caller.accountId,
      mode: endpoint.mode,
      endpointId,
      url: endpoint.url,
      eventType: TEST_EVENT_TYPE,
      payload: webhookPayload(TEST_EVENT_TYPE, now, { endpointId, message: "A test message from Doitong. If you can verify its signature, your endpoint is ready." }),
      nextAttemptAt: now,
    },
    include: { attempts: true },
  });
  wakeWebhookDispatcher();
  return delivery;
}
