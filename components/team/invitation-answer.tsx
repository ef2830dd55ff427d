"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "@/components/dashboard/ui/card";
import { useApiError } from "@/components/i18n/api-error";
import { switchWorkspace } from "./switch-workspace";

const Accept = /* GraphQL */ `mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id role } }`;
const Decline = /* GraphQL */ `mutation DeclineInvitation($token: String!) { declineInvitation(token: $token) }`;

interface Answer {
  data?: { acceptInvitation?: { id: string } } | null;
  errors?: { extensions: Record<string, unknown> }[];
}

/** Accept (then open the workspace) or decline; the page is outside the dashboard, so it posts to /graphql itself. */
export function InvitationAnswer({ token }: { token: string }) {
  const t = useTranslations("team.invitation");
  const readableError = useApiError();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [declined, setDeclined] = useState(false);

  async function send(query: string): Promise<Answer | null> {
    setBusy(true);
    setFailure(undefined);
    try {
      const res = await fetch("/graphql", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-doitong-csrf": "1" },
        body: JSON.stringify({ query, variables: { token } }),
      });
      const body = (await res.json()) as Answer;
      if (body.errors?.length) {
        setFailure(readableError({ graphQLErrors: body.errors }));
        return null;
      }
      return body;
    } catch {
      setFailure(readableError({ code: "NETWORK" }));
      return null;
    } finally {
      setBusy(false);
    }
  }

  if (declined) return <p role="status" className="mt-4 text-sm text-slate-700">{t("declined")}</p>;
  return (
    <div className="mt-5">
      {failure ? <p role="alert" className="mb-3 text-sm text-rose-700">{failure}</p> : null}
      <div className="flex gap-3">
        <button
          type="button"
          disabled={busy}
          className={buttonClass.primary}
          onClick={() =>
            void send(Accept).then((answer) => {
              const id = answer?.data?.acceptInvitation?.id;
              if (id) void switchWorkspace(id);
            })
          }
        >
          {t("accept")}
        </button>
        <button type="button" disabled={busy} className={buttonClass.secondary} onClick={() => void send(Decline).then((answer) => answer && setDeclined(true))}>
          {t("decline")}
        </button>
      </div>
    </div>
  );
}
