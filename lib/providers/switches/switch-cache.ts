import { db } from "../../db";
import { env } from "../../env";
import { invalidationTopic } from "../../invalidation/channel";
import { logger } from "../../log";
import { outageLog } from "../../log-outage";
import { processSingleton } from "../../process-singleton";
import { type SwitchRow, SwitchTable } from "./switch-table";

/**
 * How a switch reaches every instance: each holds the whole (small) switch table in memory, read again when the
 * invalidation channel (lib/invalidation/channel.ts) says an operator changed it — at the change's commit, on every
 * instance — and at once after a change made here. Routing reads the memory only, so a generate costs no extra
 * round trip. The channel delivers at most once, so the table is also read on a timer: every
 * DOITONG_PROVIDER_SWITCH_REFRESH_MS (2 s) while the channel is not live (Redis or the LISTEN connection down, and
 * right after it comes back), every SAFETY_REFRESH_MS while it is. On the embedded database the channel is the
 * process itself, always live: an idle server no longer reads the table every 2 s (test runs start ~100 servers).
 * An instance that cannot read keeps its last table; a poll also heals by itself after a database outage.
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
    /** True while every instance's change messages reach this one (then the timer only guards against a lost one). */
    private readonly notified: () => boolean = () => false,
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
    if (this.first && !this.behind && Date.now() - this.loadedAt > 3 * this.interval()) {
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
      this.timer = setTimeout(() => void this.reload().finally(tick), this.interval());
      this.timer.unref();
    };
    tick();
  }

  /** How long a table read stays trusted: long while changes are announced, the refresh setting while not. */
  private interval(): number {
    return this.notified() ? Math.max(SAFETY_REFRESH_MS, this.refreshMs()) : this.refreshMs();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** How often the table is read while the channel is live: only a message lost after its commit waits this long. */
const SAFETY_REFRESH_MS = 60_000;

/** The channel's topic: a key per changed provider (every instance reads the whole table again either way). */
export const switchChanges = invalidationTopic("provider-switches");

async function readSwitches(): Promise<SwitchRow[]> {
  return (await db()).providerSwitch.findMany();
}

/**
 * A cache that reads the table again when the channel announces a change (another instance's, or messages missed
 * while it was down), and polls only as the channel's state requires. `name` is its subscription's (one per cache).
 */
export function announcedSwitchCache(name: string, read: () => Promise<SwitchRow[]>, refreshMs: () => number): SwitchCache {
  const cache = new SwitchCache(read, refreshMs, () => switchChanges.live());
  switchChanges.subscribe(name, { changed: () => void cache.reload(), reset: () => void cache.reload() });
  return cache;
}

/** This process's switches (one per process, whichever bundle asks). */
export const providerSwitches = (): SwitchCache =>
  processSingleton("provider-switches", () => announcedSwitchCache("switch-cache", readSwitches, () => Math.max(100, env().DOITONG_PROVIDER_SWITCH_REFRESH_MS)));

/** The table in force on this instance, synchronously (routing, availability, the catalog). */
export function switchesNow(): SwitchTable {
  return providerSwitches().now();
}
