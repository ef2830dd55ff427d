import { db } from "../db";
import { logger } from "../log";
import type { GenerationType } from "../generated/prisma/client";
import { invalidationTopic } from "../invalidation/channel";
import { processSlot } from "../process-singleton";
import { SingleFlight } from "../single-flight";

/** One version of one model's price list (the PriceVersion row, with numbers as numbers). */
export interface PriceList {
  id: string;
  providerId: string;
  type: GenerationType;
  version: number;
  /** The vendor's cost formula inputs by name (lib/providers/catalog reads them). */
  rates: Readonly<Record<string, number>>;
  /** Credits = the vendor's cost in US cents × markup, rounded up (lib/providers/pricing.ts). */
  markup: number;
  effectiveFrom: Date;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/** Every version of every list, kept in memory: answers "which list was in force at t" without a query. */
export interface PriceBook {
  /** The version of this model's list in force at `at` (the latest whose effectiveFrom ≤ at), if any. */
  at(providerId: string, type: GenerationType, at?: Date): PriceList | undefined;
  /** Every version of this model's list, newest first. */
  history(providerId: string, type: GenerationType): readonly PriceList[];
  /** The first moment after `after` (ms) at which a version takes effect, or Infinity: until then `at` answers alike. */
  nextChangeAfter(after: number): number;
  loadedAt: number;
}

/**
 * How long an instance trusts its copy. A change is announced on the invalidation channel at its commit
 * (`priceChanges`, lib/invalidation/channel.ts), and every instance that hears it reloads on its next request; the
 * channel delivers at most once, so every instance also reloads the (small) table at most this often, on the first
 * request after it runs out: a change whose message was lost is seen within this long. A change scheduled ahead
 * (effectiveFrom in the future) takes effect on every instance at the same moment, because each copy holds the
 * whole history and picks the version by time. See "Prices" in the README.
 */
export const PRICE_BOOK_REFRESH_MS = 10_000;

/**
 * The cache, once per process (Next loads this module once per bundle: the API, each page and each console route
 * would otherwise keep copies that an invalidation in one of them does not reach).
 */
interface CacheState {
  current?: PriceBook;
  /** The reload under way, shared while no invalidation came after it began. */
  loading: SingleFlight<PriceBook, number>;
  /** Bumped by every invalidation: a load that started before it must not become the current copy. */
  epoch: number;
}
const slot = processSlot<CacheState>("price-book");
// Read when used, not kept from when this module loaded: the domain test harness empties the slot between files.
const cached = (): CacheState =>
  slot.getOrCreate(() => {
    const state: CacheState = { epoch: 0, loading: new SingleFlight((started) => started === state.epoch) };
    return state;
  });

const key = (providerId: string, type: GenerationType) => `${providerId}\u0000${type}`;

/** A book of these versions (what the table holds; tests build one from a fixture). */
export function priceBookOf(lists: PriceList[]): PriceBook {
  const byModel = new Map<string, PriceList[]>();
  for (const list of lists) {
    const k = key(list.providerId, list.type);
    byModel.set(k, [...(byModel.get(k) ?? []), list]);
  }
  // Newest in force first: by effectiveFrom, then by version (two versions from the same moment: the later wins).
  for (const versions of byModel.values()) versions.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
  const starts = lists.map((list) => list.effectiveFrom.getTime());
  return {
    loadedAt: Date.now(),
    nextChangeAfter: (after) => starts.reduce((next, t) => (t > after && t < next ? t : next), Infinity),
    at: (providerId, type, at = new Date()) => byModel.get(key(providerId, type))?.find((v) => v.effectiveFrom <= at),
    history: (providerId, type) => [...(byModel.get(key(providerId, type)) ?? [])].sort((a, b) => b.version - a.version),
  };
}

async function load(): Promise<PriceBook> {
  const rows = await (await db()).priceVersion.findMany();
  return priceBookOf(
    rows.map((r) => ({
      id: r.id,
      providerId: r.providerId,
      type: r.type,
      version: r.version,
      rates: r.rates as Record<string, number>,
      markup: Number(r.markup),
      effectiveFrom: r.effectiveFrom,
      reason: r.reason,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
    })),
  );
}

/**
 * The price book of this instance: the cached copy while fresh, else one reload shared by every caller waiting.
 * Past half its life the copy is reloaded in the background while it still answers, so under steady requests no
 * request waits for the reload (a copy is still never used past PRICE_BOOK_REFRESH_MS).
 */
export async function currentPriceBook(): Promise<PriceBook> {
  // Listening starts with the first request (a process that only changes prices, the admin command, never listens).
  priceChanges.live();
  const cache = cached();
  const age = cache.current ? Date.now() - cache.current.loadedAt : Infinity;
  if (age < PRICE_BOOK_REFRESH_MS) {
    if (age >= PRICE_BOOK_REFRESH_MS / 2) {
      reload(cache).catch((err: unknown) => logger("prices").warn({ err }, "Reloading the price book failed: this copy answers until it expires"));
    }
    return cache.current!;
  }
  return reload(cache);
}

function reload(cache: CacheState): Promise<PriceBook> {
  const started = cache.epoch;
  return cache.loading.run("book", started, async () => {
    const book = await load();
    if (started === cache.epoch) cache.current = book;
    return book;
  });
}

/** Forgets this instance's copy, so the next request reads the table again. */
function invalidatePriceBook(): void {
  const cache = cached();
  cache.epoch += 1;
  cache.current = undefined;
}

/**
 * A price list changed (keys: `provider/TYPE`): every instance forgets its copy — the one that made the change
 * before its transaction resolves (change-price.ts publishes on commit). Messages missed while the channel was
 * down: forgotten too.
 */
export const priceChanges = invalidationTopic("prices");
priceChanges.subscribe("price-book", { changed: invalidatePriceBook, reset: invalidatePriceBook });
