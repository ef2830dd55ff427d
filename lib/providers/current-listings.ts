import type { GenerationType, KeyMode } from "../generated/prisma/client";
import { currentPriceBook, type PriceBook } from "../prices/price-book";
import { processSingleton } from "../process-singleton";
import { listProviders, type ProviderListing } from "./list-providers";
import { providerSwitches, switchesNow } from "./switches/switch-cache";
import type { SwitchTable } from "./switches/switch-table";

/**
 * The catalog of one type as clients are served it (the `providers` query, MCP's list tool), computed once per
 * instance and reused until what it is made of changes. Pricing every provider's defaults and building its option
 * tables cost more than the rest of the request (issue 22), and the answer only moves when
 * - the price book changes: a new copy after a price change (announced to every instance at its commit,
 *   lib/prices/price-book.ts) or a periodic reload, or the moment a version scheduled ahead takes effect;
 * - the switch table changes: a new table after an operator's switch (announced the same way) or a reload.
 * Both are immutable objects replaced on every reload, so an entry is reused only while both are the very objects
 * it was computed from, and only before the next scheduled price takes effect. Availability also reads the
 * vendors' credentials, which are the process's environment (fixed for its life).
 */
interface Entry {
  listings: ProviderListing[];
  book: PriceBook;
  switches: SwitchTable;
  /** When a price version scheduled ahead takes effect (ms): the entry is stale from then on. */
  until: number;
}

const entries = (): Map<string, Entry> => processSingleton("provider-listings", () => new Map<string, Entry>());

/** The providers of `type` for a caller in `mode`, priced with the lists in force now (shared: never modify it). */
export async function currentProviderListings(type: GenerationType, mode: KeyMode): Promise<readonly ProviderListing[]> {
  // Availability reads the operators' switches from memory: an instance that has not read them yet would call a
  // switched-off provider available.
  await providerSwitches().ensureLoaded();
  const book = await currentPriceBook();
  const switches = switchesNow();
  const key = `${type}/${mode}`;
  const now = Date.now();
  const hit = entries().get(key);
  if (hit && hit.book === book && hit.switches === switches && now < hit.until) return hit.listings;
  const listings = listProviders(type, mode, book);
  entries().set(key, { listings, book, switches, until: book.nextChangeAfter(now) });
  return listings;
}
