"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Card, PageHeader, buttonClass } from "@/components/dashboard/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { InvitationsDocument, LeaveWorkspaceDocument, RevokeInvitationDocument, TeamDocument } from "@/components/graphql/generated";
import { InviteForm } from "./invite-form";
import { MemberRow } from "./member-row";

/** The workspace's members and their roles; owners and admins also invite, change roles and remove. */
export function TeamView({ userEmail }: { userEmail: string }) {
  const t = useTranslations("team");
  const format = useFormat();
  const readableError = useApiError();
  const context = useMemo(() => ({ additionalTypenames: ["Member", "Invitation"] }), []);
  const [{ data, error }, refetch] = useQuery({ query: TeamDocument, context });
  const manager = data?.me.role === "OWNER" || data?.me.role === "ADMIN";
  const [invitations, refetchInvitations] = useQuery({ query: InvitationsDocument, pause: !manager, context });
  const [, revoke] = useMutation(RevokeInvitationDocument);
  const [leaveState, leave] = useMutation(LeaveWorkspaceDocument);
  const [leaving, setLeaving] = useState(false);
  const reload = () => {
    refetch({ requestPolicy: "network-only" });
    if (manager) refetchInvitations({ requestPolicy: "network-only" });
  };

  if (error && !data) return <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="members">
            <header className="border-b border-slate-100 px-5 py-3.5">
              <h2 className="text-sm font-semibold text-slate-900">{t("members.title")}</h2>
            </header>
            {!data ? (
              <div className="p-5">
                <SkeletonRows rows={3} />
              </div>
            ) : (
              <ul className="divide-y divide-slate-100">
                {data.members.map((m) => (
                  <MemberRow key={m.userId} member={m} me={m.email === userEmail} myRole={data.me.role} onChanged={reload} />
                ))}
              </ul>
            )}
          </section>
          {manager && invitations.data && invitations.data.invitations.length > 0 ? (
            <Card title={t("invitations.title")} data-testid="invitations">
              <ul className="divide-y divide-slate-100">
                {invitations.data.invitations.map((i) => (
                  <li key={i.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <span className="min-w-0 truncate">
                      {i.email} · {t(`roles.${i.role}`)} · {t("invitations.expires", { when: format.relative(i.expiresAt) })}
                    </span>
                    <button type="button" className={buttonClass.ghostDanger} onClick={() => void revoke({ id: i.id }).then(reload)}>
                      {t("invitations.revoke")}
                    </button>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        <div className="space-y-6 self-start">
          {manager ? (
            <Card title={t("invite.title")}>
              <InviteForm />
            </Card>
          ) : null}
          {data && data.me.role !== "OWNER" ? (
            <Card title={t("leave.title")}>
              <p className="text-sm text-slate-600">{t("leave.body")}</p>
              {leaveState.error ? (
                <p role="alert" className="mt-2 text-sm text-rose-700">
                  {readableError(leaveState.error)}
                </p>
              ) : null}
              {leaving ? (
                <button
                  type="button"
                  className={`mt-3 ${buttonClass.danger}`}
                  disabled={leaveState.fetching}
                  onClick={() => void leave({}).then((r) => !r.error && window.location.assign("/dashboard"))}
                >
                  {t("leave.confirm")}
                </button>
              ) : (
                <button type="button" className={`mt-3 ${buttonClass.secondary}`} onClick={() => setLeaving(true)}>
                  {t("leave.submit")}
                </button>
              )}
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
