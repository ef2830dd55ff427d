import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/components/auth/oauth-providers";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { STARTER_CREDITS } from "@/lib/auth/create-user-account";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signUp"))("metaTitle") };
}
// OAuth buttons depend on the server's env at run time, not at build time.
export const dynamic = "force-dynamic";

// GET /signup?callbackUrl=/dashboard/…
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const t = await getTranslations("auth.signUp");
  return (
    <AuthFrame
      title={t("title")}
      subtitle={t("subtitle", { credits: STARTER_CREDITS })}
      footer={t.rich("haveAccount", {
        link: (chunks) => (
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
            {chunks}
          </Link>
        ),
      })}
    >
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthFrame>
  );
}
