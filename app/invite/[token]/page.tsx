import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { InvitationAnswer } from "@/components/team/invitation-answer";
import { requireSignedIn } from "@/lib/auth/current-user";
import { previewInvitation } from "@/lib/teams/answer-invitation";

export const dynamic = "force-dynamic";

// GET /invite/<token> — the link of an invitation mail: sign in (as the invited address), then accept or decline.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireSignedIn(`/invite/${encodeURIComponent(token)}`);
  const outcome = await previewInvitation({ userId: user.userId, email: user.email }, token);
  const t = await getTranslations("team.invitation");
  const roles = await getTranslations("team.roles");
  return (
    <main className="grid min-h-screen place-items-center bg-slate-50 px-4">
      <section className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="invitation">
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        {outcome.kind === "pending" ? (
          <>
            <p className="mt-2 text-sm text-slate-700">{t("body", { workspace: outcome.workspace, role: roles(outcome.role) })}</p>
            <InvitationAnswer token={token} />
          </>
        ) : (
          <>
            <p role="alert" className="mt-2 text-sm text-slate-700">
              {outcome.kind === "wrong-person"
                ? t("wrongPerson", { email: outcome.email, signedIn: user.email })
                : t(outcome.kind === "expired" ? "expired" : outcome.kind === "used" ? "used" : "invalid")}
            </p>
            <Link href="/dashboard" className="mt-4 inline-block text-sm font-semibold text-indigo-700 hover:underline">
              {t("toDashboard")}
            </Link>
          </>
        )}
      </section>
    </main>
  );
}
