// The first price list (what prisma/migrations/20261205211000_price_lists seeds: the numbers the code priced with
// before issue 21) as an in-memory price book, for tests that price requests without a database.
import firstList from "@/tests/fixtures/prices/first-price-list.json" with { type: "json" };
import { type PriceBook, type PriceList, priceBookOf } from "@/lib/prices/price-book";
import type { GenerationType, Rates } from "@/lib/providers/types";

const lists: PriceList[] = Object.entries(firstList as Record<string, Record<string, Record<string, number>>>).flatMap(([providerId, types]) =>
  Object.entries(types).map(([type, rates]) => ({
    id: `prc_seed_${providerId}_${type}`,
    providerId,
    type: type as GenerationType,
    version: 1,
    rates,
    markup: 1,
    effectiveFrom: new Date("2000-01-01T00:00:00Z"),
    reason: "seed",
    createdBy: "seed",
    createdAt: new Date("2000-01-01T00:00:00Z"),
  })),
);

export const firstPriceBook: PriceBook = priceBookOf(lists);

/** planForProvider's prices: the first list, now. */
export const FIRST_PRICES = { book: firstPriceBook, at: new Date() };

export function firstRates(providerId: string, type: GenerationType): Rates {
  return firstPriceBook.at(providerId, type)!.rates;
}
