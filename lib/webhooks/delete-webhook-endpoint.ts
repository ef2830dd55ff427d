import { auditActor, type Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";
import { endpointFacts } from "./create-webhook-endpoint";
import { db } from "../db";
import { getWebhookEndpointOrThrow } from "./get-webhook-endpoint";

/** Deletes an endpoint. Its delivery log stays (without the endpoint); pending deliveries are stopped. */
export async function deleteWebhookEndpoint(caller: Caller, id: string): Promise<boolean> {
  const before = await getWebhookEndpointOrThrow(caller, id);
  const client = await db();
  await client.$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "PENDING" }, data: { status: "DISABLED", nextAttemptAt: null } });
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "webhook.endpoint_deleted",
      actor: auditActor(caller),
      targetType: "webhook_endpoint",
      targetId: id,
      before: endpointFacts(before),
    });
  });
  return true;
}
