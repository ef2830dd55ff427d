import type { Caller } from "../auth/caller";
import { db } from "../db";
import { getWebhookEndpointOrThrow } from "./get-webhook-endpoint";

/** Deletes an endpoint. Its delivery log stays (without the endpoint); pending deliveries are stopped. */
export async function deleteWebhookEndpoint(caller: Caller, id: string): Promise<boolean> {
  await getWebhookEndpointOrThrow(caller, id);
  const client = await db();
  await client.$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "PENDING" }, data: { status: "DISABLED", nextAttemptAt: null } });
    await tx.webhookEndpoint.delete({ where: { id } });
  });
  return true;
}
