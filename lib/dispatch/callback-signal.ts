import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { redisPrefix, sharedRedis } from "../redis";
import { processSingleton } from "../process-singleton";
import { env } from "../env";

interface CallbackState {
  bus: EventEmitter;
  pending: Map<string, NodeJS.Timeout>;
  subscriber?: Redis;
}
const state = processSingleton<CallbackState>("callback-signals", () => ({ bus: new EventEmitter().setMaxListeners(0), pending: new Map() }));
const channel = () => `${redisPrefix()}:vendor-callbacks`;

const log = logger("callbacks");
const outages = {
  subscription: outageLog(log, "Listening for other instances' vendor callbacks in Redis (followers poll meanwhile)"),
  publish: outageLog(log, "Passing vendor callbacks to other instances through Redis (followers poll meanwhile)"),
};

/** Tells this process's own messages apart from other instances' on the shared channel. */
const instanceId = randomUUID();

/**
 * With REDIS_URL, a callback received by any instance wakes the follower wherever it runs (pub/sub); without it,
 * only this process's followers are woken and the others notice at their next poll. The channel is subscribed on
 * every (re)connection: ioredis only re-subscribes what once succeeded, and a first attempt may meet Redis down.
 */
function subscribeOnce(): void {
  const url = env().REDIS_URL;
  if (!url || state.subscriber) return;
  const subscriber = sharedRedis(url).duplicate();
  // ioredis reports every failed reconnection: one line when the subscription is lost, one when it is back.
  subscriber.on("error", (err: unknown) => outages.subscription.failed(err));
  subscriber.on("ready", () => {
    subscriber.subscribe(channel()).then(
      () => outages.subscription.succeeded(),
      (err: unknown) => outages.subscription.failed(err),
    );
  });
  subscriber.on("message", (_channel: string, message: string) => {
    const [from, generationId] = message.split(" ");
    if (from !== instanceId && generationId) wakeLocal(generationId);
  });
  state.subscriber = subscriber;
}

/** A callback that arrives while the follower is polling (not waiting) is kept this long for its next wait. */
const PENDING_MS = 60_000;

/** Wakes the follower of a generation early (a vendor called back): here at once, on other instances through Redis. */
export function notifyCallback(generationId: string): void {
  wakeLocal(generationId);
  const url = env().REDIS_URL;
  if (!url) return;
  subscribeOnce();
  sharedRedis(url)
    .publish(channel(), `${instanceId} ${generationId}`)
    .then(
      () => outages.publish.succeeded(),
      (err: unknown) => outages.publish.failed(err, { generationId }), // the others notice at their next poll
    );
}

function wakeLocal(generationId: string): void {
  if (state.bus.emit(generationId)) return;
  clearTimeout(state.pending.get(generationId));
  const timer = setTimeout(() => state.pending.delete(generationId), PENDING_MS);
  timer.unref();
  state.pending.set(generationId, timer);
}

/** Resolves after `ms`, or sooner when a callback for this generation arrives (or already did), or `signal` aborts. */
export function waitForCallback(generationId: string, ms: number, signal: AbortSignal): Promise<void> {
  subscribeOnce();
  const pending = state.pending.get(generationId);
  if (pending) {
    clearTimeout(pending);
    state.pending.delete(generationId);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      state.bus.off(generationId, done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    state.bus.once(generationId, done);
    signal.addEventListener("abort", done, { once: true });
  });
}
