import { auditActor, type Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";
import { webhookModeFor } from "./get-webhook-secret";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { KeyMode, WebhookEndpoint } from "../generated/prisma/client";
import { newId } from "../ids";
import { assertPublicUrl } from "../net/assert-public-url";
import { parseEventFilter } from "./event-filter";

export const MAX_ENDPOINTS = 20;

export interface WebhookEndpointInput {
  url: string;
  /** Event types to receive; empty or absent: every final event. */
  events?: readonly string[] | null;
  /** TEST endpoints receive test keys' events, signed with the test secret; LIVE (default) the rest. */
  mode?: KeyMode | null;
}

/** Registers an endpoint: an http(s) URL on a public address (INVALID_INPUT `url` otherwise). */
export async function createWebhookEndpoint(caller: Caller, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
  const url = input.url.trim();
  await assertPublicUrl(url, "url");
  const events = parseEventFilter(input.events);
  const client = await db();
  const count = await client.webhookEndpoint.count({ where: { accountId: caller.accountId } });
  if (count >= MAX_ENDPOINTS) throw invalidInput("url", `An account can have at most ${MAX_ENDPOINTS} webhook endpoints`);
  const mode = webhookModeFor(caller, input.mode);
  return client.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({ data: { id: newId("whe"), accountId: caller.accountId, mode, url, events } });
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "webhook.endpoint_created",
      actor: auditActor(caller),
      targetType: "webhook_endpoint",
      targetId: endpoint.id,
      after: endpointFacts(endpoint),
    });
    return endpoint;
  });
}

/** What the audit log keeps of an endpoint before and after a change. */
export function endpointFacts(e: WebhookEndpoint): { url: string; events: string[]; mode: KeyMode; enabled: boolean } {
  return { url: e.url, events: e.events, mode: e.mode, enabled: e.enabled };
}
