import type { OutageLog } from "../log-outage";
import { processSingleton } from "../process-singleton";

/**
 * What the background workers of this process last did, for /api/ready: a heartbeat on every pass of their loop
 * (a loop that stopped beating is stuck) and the time of their last successful claim query (claims that keep
 * failing mean they cannot reach the database). The workers report here; they are not imported.
 */
export type WorkerName = "runner" | "webhook-dispatcher";

export interface WorkerStatus {
  name: WorkerName;
  startedAt: Date;
  lastBeatAt: Date;
  /** The end of the sleep it is in (null: it is in a pass of its loop), so a long quiet sleep is not taken for a stuck loop. */
  sleepsUntil: Date | null;
  lastClaimAt: Date | null;
  /** Since when its claims have been failing, or null. */
  claimsFailingSince: Date | null;
}

interface Entry {
  startedAt: Date;
  lastBeatAt: Date;
  sleepsUntil: Date | null;
  lastClaimAt: Date | null;
  claims: OutageLog;
}

const workers = processSingleton("worker-status", () => new Map<WorkerName, Entry>());

/** Plain functions (no `this`), so a loop can hand `claimed` on. */
export interface WorkerReporter {
  beat: () => void;
  /** It goes to sleep for at most `ms` (woken earlier, its next pass beats). */
  sleeping: (ms: number) => void;
  claimed: () => void;
  stopped: () => void;
}

/** Registers a running worker whose claim loop logs its outages through `claims`. */
export function reportWorker(name: WorkerName, claims: OutageLog): WorkerReporter {
  const now = new Date();
  const entry: Entry = { startedAt: now, lastBeatAt: now, sleepsUntil: null, lastClaimAt: null, claims };
  workers.set(name, entry);
  return {
    beat: () => {
      entry.lastBeatAt = new Date();
      entry.sleepsUntil = null;
    },
    sleeping: (ms) => void (entry.sleepsUntil = new Date(Date.now() + ms)),
    claimed: () => void (entry.lastClaimAt = new Date()),
    stopped: () => void (workers.get(name) === entry && workers.delete(name)),
  };
}

export function workerStatuses(): WorkerStatus[] {
  return [...workers].map(([name, e]) => ({
    name,
    startedAt: e.startedAt,
    lastBeatAt: e.lastBeatAt,
    sleepsUntil: e.sleepsUntil,
    lastClaimAt: e.lastClaimAt,
    claimsFailingSince: e.claims.failingSince ?? null,
  }));
}
