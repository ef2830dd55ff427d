/**
 * Credit packs sold through Stripe Checkout. Data, not code: the `billing` query, the dashboard's Buy buttons and
 * createCheckout all read this table, so a pack's price and credits cannot disagree between what is shown and
 * what is charged. Ids are stable: they travel in Checkout metadata and come back in the webhook.
 */
export interface CreditPack {
  id: string;
  credits: number;
  /** Smallest currency unit (cents). */
  priceCents: number;
  currency: "usd";
  label: string;
}

export const CREDIT_PACKS: readonly CreditPack[] = [
  { id: "pack_500", credits: 500, priceCents: 500, currency: "usd", label: "Starter pack" },
  { id: "pack_2000", credits: 2_000, priceCents: 1_800, currency: "usd", label: "Builder pack" },
  { id: "pack_10000", credits: 10_000, priceCents: 8_000, currency: "usd", label: "Studio pack" },
];

export function findPack(id: string): CreditPack | undefined {
  return CREDIT_PACKS.find((p) => p.id === id);
}
