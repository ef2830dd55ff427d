import type { Logger } from "pino";

/**
 * For a loop that retries something (a poll of the database, a call to Redis): the first failure is logged, with
 * its error, and so is the recovery, with how long it lasted — not every failed iteration, which would bury the
 * one line that matters under thousands. `failingSince` tells the readiness check how long it has been down.
 */
export interface OutageLog {
  /** A failed attempt: logged (at error) only if the previous attempt succeeded. */
  failed(err: unknown, fields?: Record<string, unknown>): void;
  /** A successful attempt: logged (at info) only if the previous one failed. */
  succeeded(fields?: Record<string, unknown>): void;
  /** When the current run of failures started, or undefined while healthy. */
  readonly failingSince: Date | undefined;
}

export function outageLog(log: Logger, what: string): OutageLog {
  let since: Date | undefined;
  let failures = 0;
  return {
    failed(err, fields) {
      failures++;
      if (since) return;
      since = new Date();
      log.error({ err, ...fields }, `${what} failed; retrying, and logging again only when it recovers`);
    },
    succeeded(fields) {
      if (!since) return;
      log.info({ ...fields, downMs: Date.now() - since.getTime(), failedAttempts: failures }, `${what} recovered`);
      since = undefined;
      failures = 0;
    },
    get failingSince() {
      return since;
    },
  };
}

/**
 * One claim of a polling loop: what it claimed, or — the database unreachable — nothing, with the failure logged once
 * per outage. `claimed` tells the worker's heartbeat that a claim went through.
 */
export async function claimOrNothing<T>(outage: OutageLog, claim: () => Promise<T[]>, claimed: () => void): Promise<T[]> {
  try {
    const items = await claim();
    outage.succeeded();
    claimed();
    return items;
  } catch (err) {
    outage.failed(err);
    return [];
  }
}
