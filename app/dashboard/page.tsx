"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useQuery } from "urql";
import { LimitsCard } from "@/components/dashboard/overview/limits-card";
import { OverviewSkeleton } from "@/components/dashboard/overview/overview-skeleton";
import { RecentGenerations } from "@/components/dashboard/overview/recent-generations";
import { StatCards } from "@/components/dashboard/overview/stat-cards";
import { UsageChart } from "@/components/dashboard/overview/usage-chart";
import { OverviewDocument } from "@/components/graphql/generated";
import { PageHeader } from "@/components/dashboard/ui/card";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";

// GET /dashboard — balance, plan, limits, today's usage, the week's chart and the latest generations.
export default function OverviewPage() {
  const t = useTranslations("dashboard.overview");
  const readableError = useApiError();
  const [{ data, error }, refetch] = useQuery({ query: OverviewDocument });
  // Balance, reserved credits and the recent list move while generations run; refresh until they settle.
  const busy = data ? data.me.usage.running + data.me.usage.queued > 0 : false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 3_000);
    return () => clearInterval(timer);
  }, [busy, refetch]);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {error && !data ? (
        <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !data ? (
        <OverviewSkeleton />
      ) : (
        <div className="space-y-6">
          <StatCards me={data.me} />
          <div className="grid gap-6 lg:grid-cols-2">
            <UsageChart generations={data.generations.nodes} truncated={data.generations.pageInfo.hasNextPage} />
            <LimitsCard me={data.me} />
          </div>
          <RecentGenerations generations={data.generations.nodes} />
        </div>
      )}
    </>
  );
}
