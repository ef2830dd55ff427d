"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

/**
 * What happened at Stripe Checkout, from the ?checkout= Stripe sent the person back with. Dismissing clears it.
 * `bought` says what the payment was for: a credit pack (the credits page) or a plan (the plans page).
 */
export function CheckoutBanner({ outcome, path = "/dashboard/billing", bought = "credits" }: { outcome: "success" | "cancelled"; path?: string; bought?: "credits" | "plan" }) {
  const t = useTranslations("billing.checkout");
  const router = useRouter();
  const success = outcome === "success";
  return (
    <div
      role="status"
      data-testid="checkout-banner"
      className={`mb-6 flex items-start justify-between gap-4 rounded-lg border px-4 py-3 text-sm ${
        success ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900"
      }`}
    >
      <div>
        <p className="font-semibold">{success ? t("successTitle") : t("cancelledTitle")}</p>
        <p className="mt-0.5">{success ? (bought === "plan" ? t("successPlan") : t("successCredits")) : t("cancelledBody")}</p>
      </div>
      <button type="button" onClick={() => router.replace(path)} className="shrink-0 rounded-md px-2 py-1 font-medium hover:bg-black/5">
        {t("dismiss")}
      </button>
    </div>
  );
}
