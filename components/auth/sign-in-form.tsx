"use client";

import { useTranslations } from "next-intl";
import { getCsrfToken } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Field, FormError, FormNotice, SubmitButton } from "./field";
import { formText } from "./form-text";

// next-auth's ?error= codes (in the answer, or on a redirect back to this page); their words are auth.signIn.errors.*.
const KNOWN_ERRORS = ["CredentialsSignin", "EmailNotConfirmed", "OAuthEmailNotVerified", "OAuthAccountNotLinked", "SessionRequired", "TooManyAttempts"];
const errorKey = (code: string | null | undefined) => (code && KNOWN_ERRORS.includes(code) ? code : "default");

type Attempt = { ok: true } | { ok: false; code: string };

/**
 * Posts to next-auth's credentials callback itself (rather than through signIn()) so a throttled attempt's answer —
 * 429 — reaches the person in words (their language: the words come from the catalogs by code).
 */
async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<Attempt> {
  const csrfToken = (await getCsrfToken()) ?? "";
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (res.status === 429) return { ok: false, code: "TooManyAttempts" };
  const error = body.url ? new URL(body.url, window.location.href).searchParams.get("error") : "unknown";
  if (res.ok && !error) return { ok: true };
  return { ok: false, code: errorKey(error) };
}

/** Email + password sign-in. A failure stays on the form, in words. */
export function SignInForm({ callbackUrl, initialError, notice, problem }: { callbackUrl: string; initialError?: string; notice?: string; problem?: string }) {
  const t = useTranslations("auth.signIn");
  const network = useTranslations("auth")("network");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError ? t(`errors.${errorKey(initialError)}`) : problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const attempt = await signInWithPassword(formText(form, "email"), formText(form, "password"), callbackUrl);
      if (!attempt.ok) {
        setError(t(`errors.${attempt.code}`));
        setPending(false);
        return;
      }
      // A full navigation, so the server-rendered dashboard reads the new session cookie. callbackUrl was checked
      // on the server (safeCallbackUrl): a path on this site.
      window.location.assign(callbackUrl);
    } catch {
      setError(network);
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {error ? null : <FormNotice message={notice} testId="sign-in-notice" />}
      <FormError message={error} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required placeholder={t("emailPlaceholder")} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingLabel={t("signingIn")}>
        {t("signIn")}
      </SubmitButton>
    </form>
  );
}
