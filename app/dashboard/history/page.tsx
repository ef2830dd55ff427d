"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useRef, useState } from "react";
import { type HistoryFilters, HistoryFilterBar } from "@/components/dashboard/history/filters";
import { GenerationListHeader } from "@/components/dashboard/history/generation-row";
import { GenerationsPage } from "@/components/dashboard/history/generations-page";
import { GENERATION_STATUSES, GENERATION_TYPES } from "@/components/graphql/enums";
import { buttonClass, PageHeader } from "@/components/dashboard/ui/card";
import { EmptyState, SkeletonRows } from "@/components/dashboard/ui/states";

// GET /dashboard/history?type=&status=&provider= — every generation of the account, newest first.
export default function HistoryPage() {
  const t = useTranslations("dashboard.history");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense fallback={<SkeletonRows rows={5} />}>
        <History />
      </Suspense>
    </>
  );
}

/** Filters live in the URL so a filtered view can be shared, reloaded and navigated back to. */
function readFilters(params: URLSearchParams): HistoryFilters {
  const type = params.get("type");
  const status = params.get("status");
  return {
    type: GENERATION_TYPES.find((t) => t === type),
    status: GENERATION_STATUSES.find((s) => s === status),
    provider: params.get("provider") || undefined,
  };
}

function History() {
  const t = useTranslations("dashboard.history");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = readFilters(new URLSearchParams(params.toString()));
  const filterKey = JSON.stringify(filters);
  // Cursors of the pages loaded after the first; a filter change starts over from the first page.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const filtered = Boolean(filters.type || filters.status || filters.provider);

  // The URL updates a moment after router.replace; two quick changes must build on each other, not on the URL.
  const latest = useRef(filters);
  const seenKey = useRef(filterKey);
  if (seenKey.current !== filterKey) {
    // The URL moved (our replace landed, or back/forward): it is the truth again.
    seenKey.current = filterKey;
    latest.current = filters;
  }

  function setFilters(patch: HistoryFilters | null) {
    const next = patch ? { ...latest.current, ...patch } : {};
    latest.current = next;
    const query = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  const empty = filtered ? (
    <EmptyState
      title={t("noMatch")}
      action={
        <button type="button" onClick={() => setFilters(null)} className={buttonClass.secondary}>
          {t("clearFilters")}
        </button>
      }
    >
      {t("noMatchBody")}
    </EmptyState>
  ) : (
    <EmptyState
      title={t("noneYet")}
      action={
        <Link href="/dashboard/playground" className={buttonClass.primary}>
          {t("openPlayground")}
        </Link>
      }
    >
      {t("noneYetBody")}
    </EmptyState>
  );

  const all: (string | null)[] = [null, ...cursors];
  return (
    <div className="space-y-4">
      <HistoryFilterBar value={filters} onChange={setFilters} />
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="history-list">
        <GenerationListHeader />
        {all.map((after, i) => (
          <GenerationsPage
            key={`${filterKey}:${after ?? "first"}`}
            filters={filters}
            after={after}
            isLast={i === all.length - 1}
            onLoadMore={(cursor) => setPages({ key: filterKey, cursors: [...cursors, cursor] })}
            empty={empty}
          />
        ))}
      </section>
    </div>
  );
}
