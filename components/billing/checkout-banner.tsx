"use client";

import { useRouter } from "next/navigation";

/** What happened at Stripe Checkout, from the ?checkout= Stripe sent the person back with. Dismissing clears it. */
export function CheckoutBanner({ outcome, path = "/dashboard/billing", what = "credits" }: { outcome: "success" | "cancelled"; path?: string; what?: string }) {
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
        <p className="font-semibold">{success ? "Payment received — thank you!" : "Checkout cancelled"}</p>
        <p className="mt-0.5">
          {success
            ? `Your ${what} are applied as soon as Stripe confirms the payment, usually within seconds.`
            : "Nothing was charged. You can pick another option whenever you like."}
        </p>
      </div>
      <button type="button" onClick={() => router.replace(path)} className="shrink-0 rounded-md px-2 py-1 font-medium hover:bg-black/5" aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
