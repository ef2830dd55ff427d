import { EventEmitter } from "node:events";

const holder = globalThis as unknown as { __doitongCallbacks?: { bus: EventEmitter; pending: Map<string, NodeJS.Timeout> } };
const state = (holder.__doitongCallbacks ??= { bus: new EventEmitter().setMaxListeners(0), pending: new Map() });

/** A callback that arrives while the follower is polling (not waiting) is kept this long for its next wait. */
const PENDING_MS = 60_000;

/** Wakes this process's follower of a generation early (a vendor called back); polling covers other instances. */
export function notifyCallback(generationId: string): void {
  if (state.bus.emit(generationId)) return;
  clearTimeout(state.pending.get(generationId));
  const timer = setTimeout(() => state.pending.delete(generationId), PENDING_MS);
  timer.unref();
  state.pending.set(generationId, timer);
}

/** Resolves after `ms`, or sooner when a callback for this generation arrives (or already did), or `signal` aborts. */
export function waitForCallback(generationId: string, ms: number, signal: AbortSignal): Promise<void> {
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
