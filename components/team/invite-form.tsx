"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { buttonClass, inputClass } from "@/components/dashboard/ui/card";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { InviteMemberDocument, type Role } from "@/components/graphql/generated";
import { ASSIGNABLE } from "./roles";

/** Email + role; says whether the mail went out or, on a server without SMTP, where to find its link. */
export function InviteForm() {
  const t = useTranslations("team");
  const readableError = useApiError();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("DEVELOPER");
  const [sent, setSent] = useState<{ email: string; delivery: string } | null>(null);
  const [{ fetching, error }, invite] = useMutation(InviteMemberDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await invite({ email: email.trim(), role }, { additionalTypenames: ["Invitation"] });
    if (result.data) {
      setSent({ email: result.data.inviteMember.invitation.email, delivery: result.data.inviteMember.delivery });
      setEmail("");
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" aria-label={t("invite.title")}>
      <div>
        <label htmlFor="invite-email" className="block text-sm font-medium text-slate-800">
          {t("invite.email")}
        </label>
        <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} className={`mt-1.5 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
          {t("invite.role")}
        </label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={`mt-1.5 ${inputClass}`}>
          {ASSIGNABLE.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <p className="mt-1.5 text-xs text-slate-500">{t(`roleHelp.${role}`)}</p>
      </div>
      {error ? <ErrorNotice message={readableError(error)} /> : null}
      {sent ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {sent.delivery === "log" ? t("invite.sentToLog", { email: sent.email }) : t("invite.sent", { email: sent.email })}
        </p>
      ) : null}
      <button type="submit" disabled={fetching} className={buttonClass.primary}>
        {fetching ? t("invite.sending") : t("invite.submit")}
      </button>
    </form>
  );
}
