"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useApiError } from "@/components/i18n/api-error";
import { Field, FormError, SubmitButton } from "./field";
import { formText } from "./form-text";

type FieldName = "name" | "email" | "password";

interface SignUpError {
  error?: { code?: string; message?: string; field?: string; reason?: string };
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
  const t = useTranslations("auth.signUp");
  const network = useTranslations("auth")("network");
  const readableError = useApiError();
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
        // Words from the code and field, never the route's English message.
        const reason = error?.reason;
        if (field === "password" && (reason === "too-short" || reason === "too-long" || reason === "guessable")) setFieldErrors({ password: t(`passwordErrors.${reason}`) });
        else if (field === "name" || field === "email" || field === "password") setFieldErrors({ [field]: readableError({ code: error?.code ?? "INVALID_INPUT", field }) });
        else setFormError(error?.code ? readableError({ code: error.code }) : t("failed"));
        setPending(false);
        return;
      }
      setSent((await response.json()) as SignUpReceipt);
    } catch {
      setFormError(network);
      setPending(false);
    }
  }

  if (sent) return <CheckYourEmail receipt={sent} callbackUrl={callbackUrl} />;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      <FormError message={formError} />
      <Field label={t("name")} name="name" autoComplete="name" placeholder={t("namePlaceholder")} error={fieldErrors.name} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required placeholder={t("emailPlaceholder")} error={fieldErrors.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" required minLength={10} hint={t("passwordHint")} error={fieldErrors.password} />
      <SubmitButton pending={pending} pendingLabel={t("creating")}>
        {t("create")}
      </SubmitButton>
    </form>
  );
}

function CheckYourEmail({ receipt, callbackUrl }: { receipt: SignUpReceipt; callbackUrl: string }) {
  const t = useTranslations("auth.signUp");
  return (
    <section
      role="status"
      aria-labelledby="check-email-title"
      data-testid="check-email"
      className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-4 text-sm text-slate-800"
    >
      <h2 id="check-email-title" className="text-base font-semibold text-slate-900">
        {t("checkEmail")}
      </h2>
      <p>{t.rich("sent", { email: receipt.email, hours: receipt.expiresInHours, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      {receipt.delivery === "log" ? (
        <p data-testid="mail-in-log" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {t("inLog")}
        </p>
      ) : null}
      <p>
        {t.rich("then", {
          link: (chunks) => (
            <a href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </a>
          ),
        })}
      </p>
    </section>
  );
}
