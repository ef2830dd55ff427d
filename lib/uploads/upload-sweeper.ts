import { logger } from "../log";
import { deleteExpiredUploads, nextUploadExpiry } from "./delete-expired-uploads";
import { processSlot } from "../process-singleton";

/**
 * Deletes expired uploads and their bytes soon after they expire: it sleeps until the next upload's expiry (at most
 * MAX_SLEEP_MS, so uploads created on other instances are not missed for long) and is woken earlier when this
 * instance creates an upload that expires sooner. Started by lib/boot.ts on every instance.
 */
const MAX_SLEEP_MS = 10 * 60_000;
const BATCH = 100;
const log = logger("uploads");

interface SweeperState {
  stopped: boolean;
  timer?: NodeJS.Timeout;
  /** When the timer fires (ms). */
  at?: number;
  running?: Promise<void>;
}

const sweeper = processSlot<SweeperState>("upload-sweeper");

export function startUploadSweeper(): void {
  if (sweeper.get()) return;
  const state: SweeperState = { stopped: false };
  sweeper.set(state);
  schedule(state, Date.now());
}

export async function stopUploadSweeper(): Promise<void> {
  const state = sweeper.get();
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
  sweeper.clear();
}

/** An upload expiring at `expiresAt` was just created here: sweep then, if that is sooner than planned. */
export function scheduleUploadSweep(expiresAt: Date): void {
  const state = sweeper.get();
  if (state && !state.stopped && (state.at === undefined || expiresAt.getTime() < state.at)) schedule(state, expiresAt.getTime());
}

function schedule(state: SweeperState, at: number): void {
  clearTimeout(state.timer);
  state.at = at;
  state.timer = setTimeout(() => void run(state), Math.max(0, at - Date.now()));
  state.timer.unref();
}

async function run(state: SweeperState): Promise<void> {
  if (state.running || state.stopped) return;
  state.at = undefined;
  let next = Date.now() + MAX_SLEEP_MS;
  state.running = (async () => {
    try {
      while (!state.stopped && (await deleteExpiredUploads(BATCH)) === BATCH);
      const expiry = await nextUploadExpiry();
      if (expiry) next = Math.min(next, expiry.getTime() + 50);
    } catch (error) {
      log.error({ err: error }, "sweeping expired uploads failed; will retry");
      next = Date.now() + 30_000;
    }
  })();
  await state.running;
  state.running = undefined;
  // An upload created while this sweep ran may have asked for an earlier time already.
  if (!state.stopped) schedule(state, state.at !== undefined ? Math.min(state.at, next) : next);
}
