"use client";

import { getCsrfToken } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Field, FormError, FormNotice, SubmitButton } from "./field";
import { formText } from "./form-text";

// next-auth's ?error= codes (in the answer, or on a redirect back to this page), in words.
const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password",
  EmailNotConfirmed: "Confirm your email first: open the link in the email we sent when you signed up.",
  OAuthEmailNotVerified: "That sign-in has no verified email address. Verify your email with GitHub or Google first, or sign in with your password.",
  OAuthAccountNotLinked: "This email already signs in another way: use that method",
  SessionRequired: "Sign in to continue",
  TooManyAttempts: "Too many sign-in attempts. Wait a few minutes and try again.",
};

type Attempt = { ok: true } | { ok: false; message: string };

/**
 * Posts to next-auth's credentials callback itself (rather than through signIn()) so a throttled attempt's answer —
 * 429 with a message that says how long to wait — reaches the person in words.
 */
async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<Attempt> {
  const csrfToken = (await getCsrfToken()) ?? "";
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  if (res.status === 429) return { ok: false, message: body.error?.message ?? ERRORS.TooManyAttempts };
  const error = body.url ? new URL(body.url, window.location.href).searchParams.get("error") : "unknown";
  if (res.ok && !error) return { ok: true };
  return { ok: false, message: (error && ERRORS[error]) ?? "Sign-in failed: try again in a moment" };
}

/** Email + password sign-in. A failure stays on the form, in words. */
export function SignInForm({ callbackUrl, initialError, notice, problem }: { callbackUrl: string; initialError?: string; notice?: string; problem?: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError ? (ERRORS[initialError] ?? "Sign-in failed: try again") : problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const attempt = await signInWithPassword(formText(form, "email"), formText(form, "password"), callbackUrl);
      if (!attempt.ok) {
        setError(attempt.message);
        setPending(false);
        return;
      }
      // A full navigation, so the server-rendered dashboard reads the new session cookie. callbackUrl was checked
      // on the server (safeCallbackUrl): a path on this site.
      window.location.assign(callbackUrl);
    } catch {
      setError("Couldn’t reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {error ? null : <FormNotice message={notice} testId="sign-in-notice" />}
      <FormError message={error} />
      <Field label="Email" name="email" type="email" autoComplete="email" required placeholder="you@company.com" />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
