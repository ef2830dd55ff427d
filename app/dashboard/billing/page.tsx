import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BillingView } from "@/components/billing/billing-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("metaTitle") };
}

// GET /dashboard/billing[?checkout=success|cancelled] — balance, credit packs (Stripe Checkout) and the ledger.
// Stripe sends the person back here with ?checkout=…; the banner reads it from the server-side search params.
export default async function BillingPage({ searchParams }: { searchParams: Promise<{ checkout?: string | string[] }> }) {
  const { checkout } = await searchParams;
  const outcome = checkout === "success" || checkout === "cancelled" ? checkout : null;
  return <BillingView checkout={outcome} />;
}
