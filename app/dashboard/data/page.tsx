import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/ui/card";
import { RetentionCard } from "@/components/retention/retention-card";
import { DeleteWorkspaceCard, ExportCard } from "@/components/retention/workspace-cards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${(await getTranslations("retention"))("title")} · Doitong` };
}

// GET /dashboard/data — the workspace's media retention default, its export, and its deletion.
export default async function DataPage() {
  const t = await getTranslations("retention");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <RetentionCard />
        <ExportCard />
        <DeleteWorkspaceCard />
      </div>
    </>
  );
}
