import { claimDueDeliveries } from "./claim-due-deliveries";
import { deliverWebhook } from "./deliver-webhook";

/** One pass for a worker without its own loop (the Inngest function): claim what is due and attempt it all. */
export async function dispatchDueWebhooks(limit = 50): Promise<{ attempted: number; succeeded: number }> {
  const ids = await claimDueDeliveries(limit);
  const outcomes = await Promise.all(ids.map((id) => deliverWebhook(id).catch(() => null)));
  return { attempted: ids.length, succeeded: outcomes.filter((o) => o?.status === "SUCCEEDED").length };
}
