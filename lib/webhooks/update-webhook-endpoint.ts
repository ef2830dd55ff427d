import { auditActor, type Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";
import { endpointFacts } from "./create-webhook-endpoint";
import { db } from "../db";
import type { WebhookEndpoint } from "../generated/prisma/client";
import { assertPublicUrl } from "../net/assert-public-url";
import { parseEventFilter } from "./event-filter";
import { getWebhookEndpointOrThrow } from "./get-webhook-endpoint";

export interface WebhookEndpointChanges {
  url?: string | null;
  events?: readonly string[] | null;
  enabled?: boolean | null;
}

/**
 * Changes an endpoint's URL, filter or state. Disabling stops its pending deliveries (they are kept, marked
 * DISABLED, and can be redelivered later); enabling clears the reason it was disabled (e.g. a 410 Gone).
 */
export async function updateWebhookEndpoint(caller: Caller, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint> {
  const before = await getWebhookEndpointOrThrow(caller, id);
  const url = changes.url?.trim();
  if (url !== undefined) await assertPublicUrl(url, "url");
  const events = changes.events === undefined || changes.events === null ? undefined : parseEventFilter(changes.events);
  const client = await db();
  return client.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(url !== undefined ? { url } : {}),
        ...(events !== undefined ? { events } : {}),
        ...(changes.enabled === true ? { enabled: true, disabledReason: null } : {}),
        ...(changes.enabled === false ? { enabled: false, disabledReason: "Disabled by the account" } : {}),
      },
    });
    if (changes.enabled === false) await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "PENDING" }, data: { status: "DISABLED", nextAttemptAt: null } });
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "webhook.endpoint_updated",
      actor: auditActor(caller),
      targetType: "webhook_endpoint",
      targetId: id,
      before: endpointFacts(before),
      after: endpointFacts(endpoint),
    });
    return endpoint;
  });
}
