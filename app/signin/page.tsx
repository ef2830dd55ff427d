import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "@/components/auth/auth-frame";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/components/auth/oauth-providers";
import { safeCallbackUrl } from "@/components/auth/safe-callback";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in · Doitong" };
// OAuth buttons depend on the server's env at run time, not at build time.
export const dynamic = "force-dynamic";

// GET /signin?callbackUrl=/dashboard/…&error=…
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
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
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
    </AuthFrame>
  );
}
