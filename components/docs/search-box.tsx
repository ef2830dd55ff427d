"use client";

import MiniSearch from "minisearch";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { SEARCH_OPTIONS, type SearchDoc } from "./search-options";

type Hit = Pick<SearchDoc, "title" | "page" | "href">;

/**
 * Search over the docs' own index (/docs/search-index?locale=…), loaded on first focus and searched in the browser.
 * The box is server-rendered, so a reader can type before the page's scripts have run (a result link is a full page
 * load): what the box holds when it hydrates is searched, instead of sitting there with no results.
 */
export function SearchBox() {
  const t = useTranslations("docs.search");
  const locale = useLocale();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[]>([]);
  // One index per locale, fetched once (a switch of language loads the other's).
  const indexes = useRef(new Map<string, Promise<MiniSearch<SearchDoc>>>());
  const box = useRef<HTMLInputElement>(null);

  // Typed before hydration: the text is in the box (uncontrolled, so hydration leaves it there), but React never saw an
  // input event for it.
  useEffect(() => {
    const typed = box.current?.value;
    if (typed) setQuery(typed);
  }, []);

  const load = useCallback(() => {
    let index = indexes.current.get(locale);
    if (!index) {
      index = fetch(`/docs/search-index?locale=${locale}`)
        .then((r) => r.text())
        .then((json) => MiniSearch.loadJSON<SearchDoc>(json, SEARCH_OPTIONS));
      indexes.current.set(locale, index);
    }
    return index;
  }, [locale]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    let live = true;
    void load().then((ms) => {
      if (live)
        setHits(
          ms
            .search(q)
            .slice(0, 12)
            .map((r) => ({ title: r.title as string, page: r.page as string, href: r.href as string })),
        );
    });
    return () => {
      live = false;
    };
  }, [query, load]);

  return (
    <div className="docs-search" role="search">
      <label htmlFor="docs-search" className="sr-only">
        {t("label")}
      </label>
      <input id="docs-search" ref={box} type="search" placeholder={t("placeholder")} autoComplete="off" onFocus={() => void load()} onChange={(e) => setQuery(e.target.value)} />
      {query.trim() && (
        <ul data-testid="docs-search-results" aria-label={t("results")}>
          {hits.length === 0 ? (
            <li className="docs-search-empty">{t("none")}</li>
          ) : (
            hits.map((h) => (
              <li key={h.href}>
                <a
                  href={h.href}
                  onClick={() => {
                    if (box.current) box.current.value = "";
                    setQuery("");
                  }}
                >
                  <span className="docs-search-title">{h.title}</span>
                  <span className="docs-search-page">{h.page}</span>
                </a>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
