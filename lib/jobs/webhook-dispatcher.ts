import { onForeignChange, ownsEmbeddedDatabase } from "../db/embedded";
import { registerLocalWebhookDispatcher } from "../dispatch/local-workers";
import { logger } from "../log";
import { claimOrNothing, outageLog } from "../log-outage";
import { reportWorker } from "../ops/worker-status";
import { claimDueDeliveries, nextDueAt, releaseAllClaims } from "../webhooks/claim-due-deliveries";
import { deliverWebhook } from "../webhooks/deliver-webhook";
import { processSlot } from "../process-singleton";
import { LoopSleep, quietMs } from "./loop-sleep";

/**
 * The in-process webhook dispatcher: a loop that claims due deliveries (see claimDueDeliveries) and attempts up to
 * MAX_IN_FLIGHT at once, then sleeps until the next one falls due, at most POLL_MS. The outbox rows are the truth;
 * waking it early only saves latency. Started by lib/boot.ts beside the in-process runner.
 *
 * On the embedded database every new or rescheduled delivery is seen by this process (its own enqueue, redeliver
 * and finished attempts wake the loop; other processes' commits wake it through the database server it owns), so
 * the sleep lasts until the next one falls due, at most DOITONG_QUIET_MAX_MS instead of POLL_MS: an idle server
 * makes no queries (as the in-process runner, which says more).
 */
const MAX_IN_FLIGHT = 8;
const POLL_MS = 1_000;

interface DispatcherState {
  stopped: boolean;
  inFlight: Set<Promise<unknown>>;
  /** The loop's sleep until the next delivery is due; a delivery queued, an attempt ended or a stop wakes it. */
  sleep: LoopSleep;
  loop?: Promise<void>;
}

const running = processSlot<DispatcherState>("webhook-dispatcher");

export function startWebhookDispatcher(): void {
  if (running.get()) return;
  const state: DispatcherState = { stopped: false, inFlight: new Set(), sleep: new LoopSleep() };
  running.set(state);
  state.loop = loop(state);
}

export async function stopWebhookDispatcher(): Promise<void> {
  const state = running.get();
  if (!state) return;
  state.stopped = true;
  state.sleep.wake();
  await state.loop;
  await Promise.allSettled([...state.inFlight]);
  running.clear();
}

// How lib/dispatch reaches this dispatcher without importing it (it imports lib/webhooks, which signals us).
registerLocalWebhookDispatcher({ wake: () => wakeRunning() });
onForeignChange("webhook-dispatcher", () => wakeRunning());

function wakeRunning(): void {
  running.get()?.sleep.wake();
}

const log = logger("webhooks");
// One outage log per loop: a database outage is one error line each, and one recovery line each.
const outages = {
  start: outageLog(log, "Webhook dispatcher start (releasing stale claims)"),
  claims: outageLog(log, "Webhook dispatcher: claiming due deliveries"),
  nextDue: outageLog(log, "Webhook dispatcher: finding the next due delivery"),
};

async function loop(state: DispatcherState): Promise<void> {
  const health = reportWorker("webhook-dispatcher", outages.claims);
  // Claims a previous process of ours left behind can go at once; a lapse would do it too, 30 s later.
  if (ownsEmbeddedDatabase()) {
    await releaseAllClaims().then(
      () => outages.start.succeeded(),
      (err: unknown) => outages.start.failed(err),
    );
  }
  while (!state.stopped) {
    health.beat();
    const free = MAX_IN_FLIGHT - state.inFlight.size;
    const claimed = free > 0 ? await claimOrNothing(outages.claims, () => claimDueDeliveries(free), health.claimed) : [];
    for (const id of claimed) {
      const work: Promise<unknown> = deliverWebhook(id)
        // The claim lapses and the delivery is attempted again (a database error while recording the attempt).
        .catch((err: unknown) => log.warn({ err, deliveryId: id }, "webhook delivery attempt failed; it will be retried"))
        .finally(() => {
          state.inFlight.delete(work);
          state.sleep.wake();
        });
      state.inFlight.add(work);
    }
    // All slots busy: wait for one to finish (it wakes us). Fewer due than slots: sleep until the next is due.
    // As many due as slots: look again at once.
    if (free <= 0) await state.sleep.sleep(quietMs(POLL_MS), health);
    else if (claimed.length < free) await state.sleep.sleep(await sleepMs(), health);
  }
  health.stopped();
}

/** Until the next delivery falls due, between 10 ms and quietMs(POLL_MS). */
async function sleepMs(): Promise<number> {
  const next = await nextDueAt().then(
    (at) => {
      outages.nextDue.succeeded();
      return at;
    },
    (err: unknown) => {
      outages.nextDue.failed(err);
      return undefined;
    },
  );
  if (next === undefined) return POLL_MS;
  if (next === null) return quietMs(POLL_MS);
  return Math.max(10, Math.min(quietMs(POLL_MS), next.getTime() - Date.now()));
}
