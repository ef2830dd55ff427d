import { db } from "../../db";
import { env } from "../../env";
import { logger } from "../../log";
import { outageLog } from "../../log-outage";
import { processSingleton } from "../../process-singleton";
import { type SwitchRow, SwitchTable } from "./switch-table";

/**
 * How a switch reaches every instance: each holds the whole (small) switch table in memory and re-reads it every
 * DOITONG_PROVIDER_SWITCH_REFRESH_MS (2 s) from the shared database, and at once after a change made here.
 * Routing reads the memory only, so a generate costs no extra round trip; the price is one indexed read of a
 * table of a few dozen rows per instance every 2 s, and a switch made on another instance applies within 2 s.
 * Chosen over Redis pub/sub (Redis is optional, and a message lost while subscribing is a switch never applied)
 * and LISTEN/NOTIFY (a connection held per instance, and PGlite's single connection would need it too); a poll
 * also heals by itself after a database outage. An instance that cannot read keeps its last table.
 */
export class SwitchCache {
  private table = new SwitchTable();
  private loadedAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private first: Promise<void> | undefined;
  private behind: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly outage = outageLog(logger("providers"), "Reading the operators' provider switches (the last ones read stay in force)");

  constructor(
    private readonly read: () => Promise<SwitchRow[]>,
    private readonly refreshMs: () => number,
  ) {}

  /**
   * The table in force, without waiting and without reading: in a process that never loaded it (the admin command,
   * a page rendered at build time) every provider counts as enabled. Routing calls ensureLoaded first.
   */
  now(): SwitchTable {
    return this.table;
  }

  /**
   * Waits for the first read only (later calls return at once). A table older than a few intervals — no refresher
   * runs in this process — is read again behind the caller, who goes on with the one in force.
   */
  async ensureLoaded(): Promise<void> {
    if (this.first && !this.behind && Date.now() - this.loadedAt > 3 * this.refreshMs()) {
      this.behind = this.reload().finally(() => (this.behind = undefined));
    }
    await (this.first ??= this.reload().then(() => undefined));
  }

  /** Reads the table again; reads run one after another, so the one started after a change sees it. */
  reload(): Promise<SwitchTable> {
    const next = this.queue.then(async () => {
      try {
        const rows = await this.read();
        this.table = new SwitchTable(rows);
        this.loadedAt = Date.now();
        this.outage.succeeded();
      } catch (err) {
        this.outage.failed(err);
      }
      return this.table;
    });
    this.first ??= next.then(() => undefined);
    this.queue = next;
    return next;
  }

  /** Re-reads every refresh interval until stopped (lib/boot.ts, on every instance). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.ensureLoaded();
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.reload().finally(tick), this.refreshMs());
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

async function readSwitches(): Promise<SwitchRow[]> {
  return (await db()).providerSwitch.findMany();
}

/** This process's switches (one per process, whichever bundle asks). */
export const providerSwitches = (): SwitchCache =>
  processSingleton("provider-switches", () => new SwitchCache(readSwitches, () => Math.max(100, env().DOITONG_PROVIDER_SWITCH_REFRESH_MS)));

/** The table in force on this instance, synchronously (routing, availability, the catalog). */
export function switchesNow(): SwitchTable {
  return providerSwitches().now();
}
