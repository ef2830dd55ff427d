import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "@/components/auth/auth-frame";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/components/auth/oauth-providers";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { STARTER_CREDITS } from "@/lib/auth/create-user-account";

export const metadata: Metadata = { title: "Create your account · Doitong" };
// OAuth buttons depend on the server's env at run time, not at build time.
export const dynamic = "force-dynamic";

// GET /signup?callbackUrl=/dashboard/…
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <AuthFrame
      title="Create your account"
      subtitle={`Start on the Free plan with ${STARTER_CREDITS} credits once you confirm your email. No card needed.`}
      footer={
        <>
          Already have an account?{" "}
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </>
      }
    >
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthFrame>
  );
}
