import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "@/components/auth/auth-frame";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/components/auth/oauth-providers";
import { SignInForm } from "@/components/auth/sign-in-form";
import { STARTER_CREDITS } from "@/lib/auth/create-user-account";
import type { ConfirmOutcome } from "@/lib/auth/confirm-sign-up";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

export const metadata: Metadata = { title: "Sign in · Doitong" };
// OAuth buttons depend on the server's env at run time, not at build time.
export const dynamic = "force-dynamic";

// What the sign-up link did (/verify-email redirects here with ?confirmed=<outcome>), as good news or a problem.
const CONFIRMED: Record<ConfirmOutcome["kind"], { notice?: string; problem?: string }> = {
  confirmed: { notice: `Your email is confirmed and your account is ready, with ${STARTER_CREDITS} welcome credits. Sign in to start.` },
  "already-confirmed": { notice: "This link was already used: your account is ready. Sign in." },
  "email-taken": { notice: "This email already has an account. Sign in." },
  expired: { problem: "This confirmation link has expired. Sign up again to get a new one." },
  invalid: { problem: "This confirmation link is not valid. Open the whole link from the email, or sign up again." },
};

// GET /signin?callbackUrl=/dashboard/…&error=…&confirmed=…
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  const confirmed = typeof params.confirmed === "string" && Object.hasOwn(CONFIRMED, params.confirmed) ? CONFIRMED[params.confirmed as ConfirmOutcome["kind"]] : {};
  return (
    <AuthFrame
      title="Sign in to Doitong"
      subtitle="Welcome back. Your keys, credits and generations are waiting."
      footer={
        <>
          New to Doitong?{" "}
          <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        </>
      }
    >
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} initialError={error} notice={confirmed.notice} problem={confirmed.problem} />
    </AuthFrame>
  );
}
