import { getTranslations } from "next-intl/server";
import { ProviderCard } from "@/components/ops/provider-card";
import { requireOperator } from "@/lib/ops/operators";
import { providerOverview } from "@/lib/routing/provider-overview";

export const dynamic = "force-dynamic";

// GET /ops/providers — every provider's switches, circuit and live health; the forms post to /ops/api/providers/*.
export default async function ProvidersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const { notice, error, field } = await searchParams;
  const [t, providers] = await Promise.all([getTranslations("opsProviders"), providerOverview()]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      {notice === "switched" || notice === "circuitForced" ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      {typeof error === "string" ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {field === "reason" ? t("errors.reason") : field === "publicMessage" ? t("errors.publicMessage") : t("errors.other")}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {providers.map((provider) => (
          <ProviderCard key={provider.id} provider={provider} />
        ))}
      </div>
    </div>
  );
}
