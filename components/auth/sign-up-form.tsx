"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Field, FormError, SubmitButton } from "./field";

type FieldName = "name" | "email" | "password";

interface SignUpError {
  error?: { code?: string; message?: string; field?: string };
}

/**
 * Creates the account through /api/signup (which validates and answers field-level errors), then signs in with
 * the same credentials. The new account starts on FREE with starter credits.
 */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: String(form.get("name") ?? "").trim() || undefined, email: String(form.get("email")), password: String(form.get("password")) };
    setPending(true);
    setFormError(undefined);
    setFieldErrors({});
    try {
      const response = await fetch("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (response.status !== 201) {
        const { error } = (await response.json().catch(() => ({}))) as SignUpError;
        const field = error?.field;
        if (field === "name" || field === "email" || field === "password") setFieldErrors({ [field]: error?.message });
        else setFormError(error?.message ?? "We couldn’t create your account. Try again in a moment.");
        setPending(false);
        return;
      }
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false, callbackUrl });
      if (!result?.ok || result.error) {
        // The account exists; only the automatic sign-in failed, so send them to the sign-in page rather than retry sign-up.
        window.location.assign(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setFormError("Couldn’t reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormError message={formError} />
      <Field label="Name (optional)" name="name" autoComplete="name" placeholder="Ada Lovelace" error={fieldErrors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required placeholder="you@company.com" error={fieldErrors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        error={fieldErrors.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
