import { runnerKind } from "../env";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { inngest, WEBHOOKS_ENQUEUED } from "./inngest-client";
import { localWebhookDispatcher } from "./local-workers";

const inngestWake = outageLog(logger("webhooks"), "Waking the Inngest webhook dispatcher");

/**
 * Tells whoever delivers webhooks in this deployment that deliveries were queued: this process's dispatcher, or
 * an Inngest event. Call it once they are committed (enqueueEventDeliveries does, through afterCommit): woken
 * earlier, the dispatcher would look before they exist. Best effort either way: the dispatcher polls the outbox
 * (every second on PostgreSQL, at least every DOITONG_QUIET_MAX_MS on the embedded database, where this wake-up is
 * what it waits for) and the Inngest function runs every minute, so a lost wake-up only costs latency.
 */
export function wakeWebhookDispatcher(): void {
  if (runnerKind() !== "inngest") {
    localWebhookDispatcher()?.wake();
    return;
  }
  inngest.send({ name: WEBHOOKS_ENQUEUED, data: {} }).then(
    () => inngestWake.succeeded(),
    (err: unknown) => inngestWake.failed(err),
  );
}
