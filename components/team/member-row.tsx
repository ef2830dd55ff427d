"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { buttonClass } from "@/components/dashboard/ui/card";
import { useApiError } from "@/components/i18n/api-error";
import { ChangeMemberRoleDocument, RemoveMemberDocument, TransferOwnershipDocument, type Role, type TeamQuery } from "@/components/graphql/generated";
import { ASSIGNABLE } from "./roles";

export type Member = TeamQuery["members"][number];

/** One member: their role, and for owners and admins the verbs (role menu, remove; for the owner, hand over ownership). */
export function MemberRow({ member, me, myRole, onChanged }: { member: Member; me: boolean; myRole: Role | null; onChanged: () => void }) {
  const t = useTranslations("team");
  const readableError = useApiError();
  const [confirm, setConfirm] = useState<"remove" | "transfer" | null>(null);
  const [changeState, changeRole] = useMutation(ChangeMemberRoleDocument);
  const [removeState, remove] = useMutation(RemoveMemberDocument);
  const [transferState, transfer] = useMutation(TransferOwnershipDocument);
  const manage = (myRole === "OWNER" || myRole === "ADMIN") && !me && member.role !== "OWNER";
  const error = changeState.error ?? removeState.error ?? transferState.error;
  const done = (r: { error?: unknown }) => {
    setConfirm(null);
    if (!r.error) onChanged();
  };

  return (
    <li data-member={member.email} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-slate-900">
          {member.email}
          {me ? <span className="ml-2 text-xs font-normal text-slate-500">{t("members.you")}</span> : null}
        </p>
        {manage ? null : (
          <p className="mt-0.5 text-sm text-slate-600" data-testid="member-role">
            {t(`roles.${member.role}`)}
          </p>
        )}
        {error ? (
          <p role="alert" className="mt-1 text-sm text-rose-700">
            {readableError(error)}
          </p>
        ) : null}
      </div>
      {manage ? (
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`role-${member.userId}`}>
            {t("members.roleOf", { email: member.email })}
          </label>
          <select
            id={`role-${member.userId}`}
            value={member.role}
            disabled={changeState.fetching}
            onChange={(e) => void changeRole({ userId: member.userId, role: e.target.value as Role }).then(done)}
            className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {ASSIGNABLE.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          {confirm === "remove" ? (
            <button type="button" className={buttonClass.danger} disabled={removeState.fetching} onClick={() => void remove({ userId: member.userId }).then(done)}>
              {t("members.confirmRemove")}
            </button>
          ) : confirm === "transfer" ? (
            <button type="button" className={buttonClass.danger} disabled={transferState.fetching} onClick={() => void transfer({ userId: member.userId }).then(done)}>
              {t("members.confirmTransfer")}
            </button>
          ) : (
            <>
              <button type="button" className={buttonClass.ghostDanger} onClick={() => setConfirm("remove")}>
                {t("members.remove")}
              </button>
              {myRole === "OWNER" ? (
                <button type="button" className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100" onClick={() => setConfirm("transfer")}>
                  {t("members.makeOwner")}
                </button>
              ) : null}
            </>
          )}
          {confirm ? (
            <button type="button" className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100" onClick={() => setConfirm(null)}>
              {t("members.cancel")}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
