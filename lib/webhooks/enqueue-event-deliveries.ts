import type { Generation, GenerationEvent, Prisma } from "../generated/prisma/client";
import { FINAL_EVENT_TYPES } from "./event-types";
import { newId } from "../ids";
import { afterCommit } from "../db/after-commit";
import { wakeWebhookDispatcher } from "../dispatch/wake-webhook-dispatcher";
import { endpointWants } from "./event-filter";
import { webhookPayload } from "./webhook-payload";

/**
 * The outbox: queues the webhooks an event calls for, in the event's own transaction, so a committed state change
 * always has its deliveries recorded (a process that dies right after commit loses nothing; the dispatcher finds
 * them). Final events go to the generation's own webhookUrl; every event goes to each enabled endpoint of the
 * account whose filter wants it.
 */
export async function enqueueEventDeliveries(tx: Prisma.TransactionClient, generation: Generation, event: GenerationEvent): Promise<number> {
  const final = FINAL_EVENT_TYPES.has(event.type);
  if (!final && event.type !== "generation.progress") return 0;
  const targets: { url: string; endpointId: string | null }[] = [];
  if (final && generation.webhookUrl) targets.push({ url: generation.webhookUrl, endpointId: null });
  // Test work goes to TEST endpoints only, live work to LIVE ones, each signed with its mode's secret.
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { accountId: generation.accountId, mode: generation.mode, enabled: true },
    select: { id: true, url: true, events: true },
  });
  for (const endpoint of endpoints) if (endpointWants(endpoint.events, event.type)) targets.push({ url: endpoint.url, endpointId: endpoint.id });
  if (targets.length === 0) return 0;

  const payload = webhookPayload(event.type, event.createdAt, event.data);
  await tx.webhookDelivery.createMany({
    data: targets.map((t) => ({
      id: newId("msg"),
      accountId: generation.accountId,
      mode: generation.mode,
      endpointId: t.endpointId,
      generationId: generation.id,
      url: t.url,
      eventType: event.type,
      payload,
      nextAttemptAt: event.createdAt,
    })),
  });
  // Before the commit the dispatcher would not see them: wake it once they are there (its poll is the guarantee).
  afterCommit(tx, wakeWebhookDispatcher);
  return targets.length;
}
