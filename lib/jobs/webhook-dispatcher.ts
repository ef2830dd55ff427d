import { onForeignChange, ownsEmbeddedDatabase } from "../db/embedded";
import { registerLocalWebhookDispatcher } from "../dispatch/local-workers";
import { env } from "../env";
import { logger } from "../log";
import { claimOrNothing, outageLog } from "../log-outage";
import { reportWorker, type WorkerReporter } from "../ops/worker-status";
import { claimDueDeliveries, nextDueAt, releaseAllClaims } from "../webhooks/claim-due-deliveries";
import { deliverWebhook } from "../webhooks/deliver-webhook";
import { processSlot } from "../process-singleton";

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
  wake?: () => void;
  /** A wake-up that came while the loop was busy (claiming, reading the next due time): its next sleep returns at once. */
  woken: boolean;
  loop?: Promise<void>;
}

const running = processSlot<DispatcherState>("webhook-dispatcher");

export function startWebhookDispatcher(): void {
  if (running.get()) return;
  const state: DispatcherState = { stopped: false, inFlight: new Set(), woken: false };
  running.set(state);
  state.loop = loop(state);
}

export async function stopWebhookDispatcher(): Promise<void> {
  const state = running.get();
  if (!state) return;
  state.stopped = true;
  wake(state);
  await state.loop;
  await Promise.allSettled([...state.inFlight]);
  running.clear();
}

// How lib/dispatch reaches this dispatcher without importing it (it imports lib/webhooks, which signals us).
registerLocalWebhookDispatcher({ wake: () => wakeRunning() });
onForeignChange("webhook-dispatcher", () => wakeRunning());

function wakeRunning(): void {
  const state = running.get();
  if (state) wake(state);
}

function wake(state: DispatcherState): void {
  state.woken = true;
  state.wake?.();
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
          wake(state);
        });
      state.inFlight.add(work);
    }
    // All slots busy: wait for one to finish (it wakes us). Fewer due than slots: sleep until the next is due.
    // As many due as slots: look again at once.
    if (free <= 0) await sleep(state, quietMs(), health);
    else if (claimed.length < free) await sleep(state, await sleepMs(), health);
  }
  health.stopped();
}

/** The longest sleep: POLL_MS, or on the embedded database (where every change wakes the loop) a safety net. */
function quietMs(): number {
  return ownsEmbeddedDatabase() ? Math.max(POLL_MS, env().DOITONG_QUIET_MAX_MS) : POLL_MS;
}

/** Until the next delivery falls due, between 10 ms and quietMs(). */
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
  if (next === null) return quietMs();
  return Math.max(10, Math.min(quietMs(), next.getTime() - Date.now()));
}

function sleep(state: DispatcherState, ms: number, health: WorkerReporter): Promise<void> {
  if (state.woken) {
    state.woken = false;
    return Promise.resolve();
  }
  health.sleeping(ms);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    state.wake = () => {
      clearTimeout(timer);
      state.woken = false;
      state.wake = undefined;
      resolve();
    };
  });
}
