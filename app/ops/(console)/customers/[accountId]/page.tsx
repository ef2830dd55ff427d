import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleNotice } from "@/components/ops/console-notice";
import { WorkspaceSummary } from "@/components/ops/customers/workspace-actions";
import { GenerationsTable, LedgerDeliveriesAudit, MembersAndKeys } from "@/components/ops/customers/workspace-tables";
import { requireOperator } from "@/lib/ops/operators";
import { workspaceDossier } from "@/lib/ops/workspace-dossier";

export const dynamic = "force-dynamic";

// GET /ops/customers/<accountId>?notice=…|error=… — one workspace, everything support needs, and the actions.
export default async function WorkspacePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireOperator();
  const [{ accountId }, query] = await Promise.all([params, searchParams]);
  const dossier = await workspaceDossier(accountId);
  if (!dossier) notFound();
  const t = await getTranslations("ops.workspace");
  return (
    <div className="space-y-6">
      <Link href="/ops/customers" className="text-sm text-indigo-700 hover:underline">
        {t("backToSearch")}
      </Link>
      <ConsoleNotice params={query} />
      <WorkspaceSummary dossier={dossier} />
      <MembersAndKeys dossier={dossier} />
      <GenerationsTable dossier={dossier} />
      <LedgerDeliveriesAudit dossier={dossier} />
    </div>
  );
}
