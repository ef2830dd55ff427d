import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import type { WebhookAttempt, WebhookDelivery } from "../generated/prisma/client";
import { afterCursor, newestFirst, type Page, type PageArgs, pageSize, toPage } from "../pagination";

export type DeliveryWithAttempts = WebhookDelivery & { attempts: WebhookAttempt[] };

export interface ListDeliveriesInput extends PageArgs {
  endpointId?: string | null;
}

/** The caller's webhook deliveries (an API key: of its own mode), newest first, each with its attempts (oldest first). */
export async function listWebhookDeliveries(caller: Caller, input: ListDeliveriesInput): Promise<Page<DeliveryWithAttempts>> {
  const first = pageSize(input);
  const client = await db();
  const rows = await client.webhookDelivery.findMany({
    where: { accountId: caller.accountId, ...modeScope(caller), ...(input.endpointId ? { endpointId: input.endpointId } : {}), ...afterCursor(input.after) },
    orderBy: newestFirst,
    take: first + 1,
    include: { attempts: { orderBy: { attemptedAt: "asc" } } },
  });
  return toPage(rows, first);
}
