"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { CatalogDocument, type CatalogProviderFragment as Provider, type CatalogQuery, type GenerationType } from "@/components/graphql/generated";
import { useProviderCopy } from "@/components/i18n/provider-copy";
import { shownError, useErrorText } from "@/components/playground/errors";
import { ProviderEntry } from "./provider-entry";

// Titles and blurbs are catalog.groups.<key> in the message catalogs.
const GROUPS: { key: keyof CatalogQuery; type: GenerationType }[] = [
  { key: "video", type: "VIDEO" },
  { key: "image", type: "IMAGE" },
  { key: "audio", type: "AUDIO" },
  { key: "avatar", type: "AVATAR" },
];

/** The filter finds a provider by what the page shows (the reader's language) and by the API's English. */
function matches(p: Provider, q: string, copy: ReturnType<typeof useProviderCopy>): boolean {
  const shown = [copy.description(p.id, p.description), ...copy.features(p.id, p.features)];
  return [p.id, p.name, p.vendor, p.description, ...p.features, ...shown].some((s) => s.toLowerCase().includes(q));
}

/** Every provider the API knows, grouped by what it makes, with live availability and the full option lists. */
export function Catalog() {
  const t = useTranslations("catalog");
  const errorText = useErrorText();
  const copy = useProviderCopy();
  const [{ data, fetching, error }] = useQuery({ query: CatalogDocument });
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLowerCase();

  if (error) {
    return (
      <p role="alert" className="rounded-lg bg-rose-50 px-4 py-3 text-sm text-rose-800">
        {errorText(shownError(error))}
      </p>
    );
  }
  if (!data) {
    return (
      <div aria-busy={fetching} aria-label={t("loading")} className="space-y-4">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-40 motion-safe:animate-pulse rounded-2xl bg-slate-100" />
        ))}
      </div>
    );
  }

  const groups = GROUPS.map((g) => ({
    ...g,
    title: t(`groups.${g.key}.title`),
    blurb: t(`groups.${g.key}.blurb`),
    providers: data[g.key].filter((p) => !q || matches(p, q, copy)),
  }));
  return (
    <div>
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center gap-3 bg-slate-50/90 px-1 py-3 backdrop-blur">
        <nav aria-label={t("typesNav")}>
          <ul className="flex flex-wrap gap-2">
            {groups.map((g) => (
              <li key={g.key}>
                <a
                  href={`#catalog-${g.key}`}
                  className="inline-flex items-center gap-1.5 rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 transition hover:border-indigo-400 hover:text-indigo-700"
                >
                  {g.title} <span className="text-xs text-slate-400 tabular-nums">{g.providers.length}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t("filterPlaceholder")}
          aria-label={t("filterLabel")}
          className="ml-auto w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none sm:w-72"
        />
      </div>
      <div className="mt-6 space-y-12">
        {groups.map((g) => (
          <section key={g.key} id={`catalog-${g.key}`} data-type={g.type} aria-labelledby={`catalog-${g.key}-title`} className="scroll-mt-20">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`catalog-${g.key}-title`} className="text-xl font-bold tracking-tight text-slate-900">
                {g.title}
              </h2>
              <p className="text-sm text-slate-500">{g.blurb}</p>
            </div>
            {g.providers.length === 0 ? (
              <p className="mt-4 rounded-2xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{t("noMatch", { filter })}</p>
            ) : (
              <div className="mt-4 space-y-4">
                {g.providers.map((p) => (
                  <ProviderEntry key={p.id} provider={p} type={g.type} />
                ))}
              </div>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
