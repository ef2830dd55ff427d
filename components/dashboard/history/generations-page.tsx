"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useApiError } from "@/components/i18n/api-error";
import { useQuery } from "urql";
import { HistoryDocument } from "@/components/graphql/generated";
import { isRunning } from "@/components/graphql/enums";
import { buttonClass } from "../ui/card";
import { ErrorNotice, SkeletonRows } from "../ui/states";
import type { HistoryFilters } from "./filters";
import { GenerationRow } from "./generation-row";

const PAGE_SIZE = 20;
const POLL_MS = 2_000;

interface Props {
  filters: HistoryFilters;
  after: string | null;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
  /** Rendered instead of rows when the first page is empty. */
  empty: React.ReactNode;
}

/**
 * One page of the cursor-paginated list (urql's "one component per page" pattern): earlier pages stay cached and
 * rendered while the next loads, and only the last page offers "Load more".
 */
export function GenerationsPage({ filters, after, isLast, onLoadMore, empty }: Props) {
  const t = useTranslations("dashboard.history");
  const readableError = useApiError();
  const [{ data, error }, refetch] = useQuery({
    query: HistoryDocument,
    variables: { first: PAGE_SIZE, after, ...filters },
  });

  // While a listed generation is queued or running, refresh this page so its status badge moves on its own.
  const running = data?.generations.nodes.some((g) => isRunning(g.status)) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refetch]);

  if (error && !data) {
    return (
      <div className="p-5">
        <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      </div>
    );
  }
  if (!data)
    return (
      <div className="p-5">
        <SkeletonRows rows={after ? 2 : 5} />
      </div>
    );
  const { nodes, pageInfo } = data.generations;
  const cursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  if (!after && nodes.length === 0) return <div className="p-5">{empty}</div>;

  return (
    <>
      <ul className="divide-y divide-slate-100 border-b border-slate-100">
        {nodes.map((g) => (
          <GenerationRow key={g.id} generation={g} />
        ))}
      </ul>
      {isLast && cursor ? (
        <div className="flex justify-center p-4">
          <button type="button" className={buttonClass.secondary} onClick={() => onLoadMore(cursor)}>
            {t("loadMore")}
          </button>
        </div>
      ) : null}
    </>
  );
}
