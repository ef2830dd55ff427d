"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Field, FormError, SubmitButton } from "./field";

// next-auth sends people back to pages.signIn with ?error=… when a sign-in elsewhere failed; say it in words.
const REDIRECT_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password",
  SessionRequired: "Sign in to continue",
  OAuthAccountNotLinked: "This email already signs in another way: use that method",
};

/** Email + password sign-in. next-auth answers without redirecting so a failure stays on the form, in words. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError ? (REDIRECT_ERRORS[initialError] ?? "Sign-in failed: try again") : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false, callbackUrl });
      if (!result?.ok || result.error) {
        setError(result?.error === "CredentialsSignin" || result?.status === 401 ? "Wrong email or password" : "Sign-in failed: try again in a moment");
        setPending(false);
        return;
      }
      // A full navigation, so the server-rendered dashboard reads the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Couldn’t reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormError message={error} />
      <Field label="Email" name="email" type="email" autoComplete="email" required placeholder="you@company.com" />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
