import { env } from "../env";
import { logger } from "../log";
import { processSlot } from "../process-singleton";
import { nextMediaExpiry, purgeExpiredMedia } from "./purge-expired-media";

/**
 * Deletes generations' media when their retention runs out: it sleeps until the next expiry it knows of, at most a
 * minute (a generation finishing on any instance sets a new expiry, and retention is never shorter than an hour, so
 * a minute late is well within it). Started by lib/boot.ts on every instance, whichever runner runs the workflows;
 * each batch is claimed first (purge-expired-media.ts), so instances share the work and never purge one twice.
 * DOITONG_RETENTION_TIME_SCALE shortens the minute too.
 */
const MAX_SLEEP_MS = 60_000;
const BATCH = 100;
const log = logger("retention");

interface PurgerState {
  stopped: boolean;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

const purger = processSlot<PurgerState>("media-purger");

export function startMediaPurger(): void {
  if (purger.get()) return;
  const state: PurgerState = { stopped: false };
  purger.set(state);
  schedule(state, 0);
}

export async function stopMediaPurger(): Promise<void> {
  const state = purger.get();
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
  purger.clear();
}

function schedule(state: PurgerState, delayMs: number): void {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => void run(state), Math.max(0, delayMs));
  state.timer.unref();
}

async function run(state: PurgerState): Promise<void> {
  if (state.running || state.stopped) return;
  const maxSleep = Math.max(100, MAX_SLEEP_MS / env().DOITONG_RETENTION_TIME_SCALE);
  let delay = maxSleep;
  state.running = (async () => {
    try {
      while (!state.stopped && (await purgeExpiredMedia(BATCH)).length === BATCH);
      const next = await nextMediaExpiry();
      if (next) delay = Math.min(delay, next.getTime() - Date.now() + 50);
    } catch (error) {
      log.error({ err: error }, "purging expired media failed; will retry");
      delay = Math.min(30_000, maxSleep);
    }
  })();
  await state.running;
  state.running = undefined;
  if (!state.stopped) schedule(state, delay);
}
