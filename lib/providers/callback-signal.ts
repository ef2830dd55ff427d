import { EventEmitter } from "node:events";

const holder = globalThis as unknown as { __doitongCallbacks?: EventEmitter };
const bus = (holder.__doitongCallbacks ??= new EventEmitter().setMaxListeners(0));

/** Wakes this process's follower of a generation early (a vendor called back); polling covers other instances. */
export function notifyCallback(generationId: string): void {
  bus.emit(generationId);
}

/** Resolves after `ms`, or sooner when a callback for this generation arrives, or when `signal` aborts. */
export function waitForCallback(generationId: string, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      bus.off(generationId, done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    bus.once(generationId, done);
    signal.addEventListener("abort", done, { once: true });
  });
}
