import { ownsEmbeddedDatabase } from "../db/embedded";
import { env } from "../env";
import type { WorkerReporter } from "../ops/worker-status";

/**
 * The sleep of a worker loop (the in-process runner, the webhook dispatcher): it lasts until `ms` pass or until
 * `wake()`. A wake-up that comes while the loop is busy (claiming, reading when the next work is due) is kept, and
 * the next sleep returns at once: the work it announced may have been committed after the loop looked.
 */
export class LoopSleep {
  private woken = false;
  private end: (() => void) | undefined;

  wake(): void {
    this.woken = true;
    this.end?.();
  }

  sleep(ms: number, health: WorkerReporter): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    health.sleeping(ms);
    return new Promise<void>((resolve) => {
      // Whichever comes first ends the sleep and forgets it, so a wake-up after a timed-out sleep is kept for the
      // next one instead of being spent on this one.
      const done = () => {
        clearTimeout(timer);
        this.end = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.end = done;
    });
  }
}

/**
 * The longest an idle loop sleeps: `pollMs` where other instances change the database unseen (PostgreSQL); on the
 * embedded database every change wakes the loop, so only a safety net (DOITONG_QUIET_MAX_MS).
 */
export function quietMs(pollMs: number): number {
  return ownsEmbeddedDatabase() ? Math.max(pollMs, env().DOITONG_QUIET_MAX_MS) : pollMs;
}
