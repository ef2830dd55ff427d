"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useEffect } from "react";
import { useQuery } from "urql";
import { errorCode } from "@/components/dashboard/format";
import { DetailSkeleton } from "@/components/dashboard/history/detail-skeleton";
import { GenerationDetailView } from "@/components/dashboard/history/generation-detail";
import { GenerationNotFound } from "@/components/dashboard/history/generation-not-found";
import { GenerationPageDocument } from "@/components/graphql/generated";
import { isRunning } from "@/components/graphql/enums";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";

const POLL_MS = 1_500;

// GET /dashboard/history/:id — one generation; polls while it is queued or running.
export default function GenerationPage() {
  const t = useTranslations("dashboard.history");
  const readableError = useApiError();
  const { id } = useParams<{ id: string }>();
  // network-only: status, progress and the signed URL change on the server, and a cached copy would be stale.
  const [{ data, error }, refetch] = useQuery({ query: GenerationPageDocument, variables: { id }, requestPolicy: "network-only" });
  const generation = data?.generation;
  const running = generation ? isRunning(generation.status) : false;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refetch]);

  return (
    <>
      <Link href="/dashboard/history" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900">
        {t("back")}
      </Link>
      {errorCode(error) === "NOT_FOUND" || (data && !generation) ? (
        <GenerationNotFound id={id} />
      ) : error && !generation ? (
        <ErrorNotice title={t("loadOneError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !generation ? (
        <DetailSkeleton />
      ) : (
        <GenerationDetailView generation={generation} onChanged={() => refetch({ requestPolicy: "network-only" })} />
      )}
    </>
  );
}
