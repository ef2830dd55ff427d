import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/components/auth/oauth-providers";
import { SignInForm } from "@/components/auth/sign-in-form";
import { STARTER_CREDITS } from "@/lib/auth/create-user-account";
import type { ConfirmOutcome } from "@/lib/auth/confirm-sign-up";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("metaTitle") };
}
// OAuth buttons depend on the server's env at run time, not at build time.
export const dynamic = "force-dynamic";

// What the sign-up link did (/verify-email redirects here with ?confirmed=<outcome>), as good news or a problem.
// Values are keys under auth.signIn in the catalogs.
const CONFIRMED: Record<ConfirmOutcome["kind"], { notice?: string; problem?: string }> = {
  confirmed: { notice: "confirmed" },
  "already-confirmed": { notice: "alreadyConfirmed" },
  "email-taken": { notice: "emailTaken" },
  expired: { problem: "expired" },
  invalid: { problem: "invalid" },
};

// GET /signin?callbackUrl=/dashboard/…&error=…&confirmed=…
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  const t = await getTranslations("auth.signIn");
  const confirmed = typeof params.confirmed === "string" && Object.hasOwn(CONFIRMED, params.confirmed) ? CONFIRMED[params.confirmed as ConfirmOutcome["kind"]] : {};
  return (
    <AuthFrame
      title={t("title")}
      subtitle={t("subtitle")}
      footer={t.rich("newHere", {
        link: (chunks) => (
          <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
            {chunks}
          </Link>
        ),
      })}
    >
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        notice={confirmed.notice && t(confirmed.notice, { credits: STARTER_CREDITS })}
        problem={confirmed.problem && t(confirmed.problem)}
      />
    </AuthFrame>
  );
}
