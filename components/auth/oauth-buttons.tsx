"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";

export interface OAuthProvider {
  id: string;
  name: string;
}

/** One button per OAuth provider the server has credentials for; nothing at all when there are none. */
export function OAuthButtons({ providers, callbackUrl }: { providers: OAuthProvider[]; callbackUrl: string }) {
  const t = useTranslations("auth.oauth");
  if (providers.length === 0) return null;
  return (
    <div className="mb-6">
      <div className="grid gap-2">
        {providers.map((p) => (
          <button
            key={p.id}
            type="button"
            onClick={() => void signIn(p.id, { callbackUrl })}
            className="flex w-full items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-sm transition hover:bg-slate-50"
          >
            {t("continueWith", { provider: p.name })}
          </button>
        ))}
      </div>
      <div className="relative mt-6 text-center text-xs text-slate-500">
        <span aria-hidden="true" className="absolute inset-x-0 top-1/2 border-t border-slate-200" />
        <span className="relative bg-white px-3">{t("orEmail")}</span>
      </div>
    </div>
  );
}
