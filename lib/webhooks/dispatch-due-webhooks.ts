import { claimDueDeliveries } from "./claim-due-deliveries";
import { logger } from "../log";
import { deliverWebhook } from "./deliver-webhook";

/** One pass for a worker without its own loop (the Inngest function): claim what is due and attempt it all. */
export async function dispatchDueWebhooks(limit = 50): Promise<{ attempted: number; succeeded: number }> {
  const ids = await claimDueDeliveries(limit);
  // A failed attempt (the database, while recording it) keeps its claim until it lapses, then is tried again.
  const failed = (id: string) => (err: unknown) => {
    logger("webhooks").warn({ err, deliveryId: id }, "webhook delivery attempt failed; it will be retried");
    return null;
  };
  const outcomes = await Promise.all(ids.map((id) => deliverWebhook(id).catch(failed(id))));
  return { attempted: ids.length, succeeded: outcomes.filter((o) => o?.status === "SUCCEEDED").length };
}
