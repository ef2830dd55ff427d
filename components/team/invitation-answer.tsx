"use client";

import { useTranslations } from "next-intl";
import { useMutation } from "urql";
import { DashboardProviders } from "@/components/dashboard/providers";
import { buttonClass } from "@/components/dashboard/ui/card";
import { AcceptInvitationDocument, DeclineInvitationDocument } from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";
import { switchWorkspace } from "./switch-workspace";

/** Accept (then open the workspace) or decline. The page is outside the dashboard, so it brings the dashboard's clients. */
export function InvitationAnswer({ token }: { token: string }) {
  return (
    <DashboardProviders>
      <Answer token={token} />
    </DashboardProviders>
  );
}

function Answer({ token }: { token: string }) {
  const t = useTranslations("team.invitation");
  const readableError = useApiError();
  const [accepted, accept] = useMutation(AcceptInvitationDocument);
  const [declined, decline] = useMutation(DeclineInvitationDocument);
  const busy = accepted.fetching || declined.fetching;
  const failure = readableError(accepted.error ?? declined.error);

  if (declined.data?.declineInvitation)
    return (
      <p role="status" className="mt-4 text-sm text-slate-700">
        {t("declined")}
      </p>
    );
  return (
    <div className="mt-5">
      {failure ? (
        <p role="alert" className="mb-3 text-sm text-rose-700">
          {failure}
        </p>
      ) : null}
      <div className="flex gap-3">
        <button
          type="button"
          disabled={busy}
          className={buttonClass.primary}
          onClick={() =>
            void accept({ token }).then((result) => {
              const id = result.data?.acceptInvitation.id;
              if (id) void switchWorkspace(id);
            })
          }
        >
          {t("accept")}
        </button>
        <button type="button" disabled={busy} className={buttonClass.secondary} onClick={() => void decline({ token })}>
          {t("decline")}
        </button>
      </div>
    </div>
  );
}
