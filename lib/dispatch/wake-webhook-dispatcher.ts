import { runnerKind } from "../env";
import { inngest, WEBHOOKS_ENQUEUED } from "./inngest-client";
import { localWebhookDispatcher } from "./local-workers";

/** How long after an enqueue to look: the enqueuing transaction commits a moment after it asks. */
const ENQUEUE_NUDGE_MS = 50;

/**
 * Tells whoever delivers webhooks in this deployment that new deliveries are (about to be) queued: this process's
 * dispatcher after `delayMs`, or an Inngest event (best effort; the function's cron catches anything missed).
 */
export function wakeWebhookDispatcherSoon(delayMs = ENQUEUE_NUDGE_MS): void {
  if (runnerKind() === "inngest") {
    setTimeout(() => void inngest.send({ name: WEBHOOKS_ENQUEUED, data: {} }).catch(() => undefined), delayMs).unref?.();
    return;
  }
  setTimeout(() => localWebhookDispatcher()?.wake(), delayMs).unref?.();
}
