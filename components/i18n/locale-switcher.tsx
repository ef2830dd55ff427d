"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES } from "@/lib/i18n/locales";
import { setLocale } from "./set-locale";

/**
 * RU | EN. The page re-renders in place (same URL: the language is not in the address), and the choice is kept
 * for the next visit and, once signed in, for the person's other browsers.
 */
export function LocaleSwitcher({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = useTranslations("locale");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const idle = tone === "dark" ? "text-slate-400 hover:bg-white/10 hover:text-white" : "text-slate-500 hover:bg-slate-100 hover:text-slate-900";
  const active = tone === "dark" ? "bg-white/15 text-white" : "bg-slate-900 text-white";
  return (
    <div role="group" aria-label={t("label")} data-testid="locale-switcher" className="inline-flex items-center gap-0.5 text-xs font-semibold">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          disabled={pending}
          title={t(`names.${locale}`)}
          onClick={() =>
            startTransition(async () => {
              await setLocale(locale);
              router.refresh();
            })
          }
          className={`rounded-md px-2 py-1 uppercase transition disabled:opacity-60 ${locale === current ? active : idle}`}
        >
          {t(`short.${locale}`)}
        </button>
      ))}
    </div>
  );
}
