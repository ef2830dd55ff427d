"use client";

import { type FormEvent, useState } from "react";
import { Field, FormError, SubmitButton } from "./field";
import { formText } from "./form-text";

type FieldName = "name" | "email" | "password";

interface SignUpError {
  error?: { code?: string; message?: string; field?: string };
}

interface SignUpReceipt {
  email: string;
  delivery: "smtp" | "log";
  expiresInHours: number;
}

/**
 * Starts a sign-up through /api/signup (which validates and answers field-level errors). The account is created
 * when the link in the mail is opened, so success here is "check your email" — the same for every address.
 */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [sent, setSent] = useState<SignUpReceipt>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: formText(form, "name").trim() || undefined, email: formText(form, "email"), password: formText(form, "password") };
    setPending(true);
    setFormError(undefined);
    setFieldErrors({});
    try {
      const response = await fetch("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (response.status !== 202) {
        const { error } = (await response.json().catch(() => ({}))) as SignUpError;
        const field = error?.field;
        if (field === "name" || field === "email" || field === "password") setFieldErrors({ [field]: error?.message });
        else setFormError(error?.message ?? "We couldn’t create your account. Try again in a moment.");
        setPending(false);
        return;
      }
      setSent((await response.json()) as SignUpReceipt);
    } catch {
      setFormError("Couldn’t reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  if (sent) return <CheckYourEmail receipt={sent} callbackUrl={callbackUrl} />;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
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
        hint="At least 10 characters, not easy to guess: a few unrelated words work well."
        error={fieldErrors.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}

function CheckYourEmail({ receipt, callbackUrl }: { receipt: SignUpReceipt; callbackUrl: string }) {
  return (
    <section role="status" aria-labelledby="check-email-title" data-testid="check-email" className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-4 text-sm text-slate-800">
      <h2 id="check-email-title" className="text-base font-semibold text-slate-900">
        Check your email
      </h2>
      <p>
        We sent a message to <strong>{receipt.email}</strong>. Open the link in it to confirm your address and create your account; it works once
        and expires in {receipt.expiresInHours} hours.
      </p>
      {receipt.delivery === "log" ? (
        <p data-testid="mail-in-log" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          This server has no mail server configured (SMTP_URL), so the message was printed to the server’s log instead. Whoever runs it can
          find the link there.
        </p>
      ) : null}
      <p>
        Then{" "}
        <a href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
          sign in
        </a>
        .
      </p>
    </section>
  );
}
