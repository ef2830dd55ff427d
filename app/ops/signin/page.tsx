import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpsAlert, OpsAuthCard, OpsField, OpsSubmit } from "@/components/ops/ops-auth-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ops.signIn"))("metaTitle"), robots: { index: false } };
}
export const dynamic = "force-dynamic";

// GET /ops/signin?error=refused|throttled&enrolled=1 — shown to anyone: it says nothing about who is an operator.
export default async function OpsSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("ops.signIn");
  const error = params.error === "refused" || params.error === "throttled" ? params.error : undefined;
  return (
    <OpsAuthCard title={t("title")} subtitle={t("subtitle")} badge={t("badge")}>
      <form method="post" action="/ops/api/signin" className="space-y-4">
        {params.enrolled === "1" ? (
          <OpsAlert tone="ok" testId="ops-enrolled">
            {t("enrolled")}
          </OpsAlert>
        ) : null}
        {error ? (
          <OpsAlert tone="error" testId="ops-signin-error">
            {t(`errors.${error}`)}
          </OpsAlert>
        ) : null}
        <OpsField label={t("email")} name="email" type="email" autoComplete="username" required />
        <OpsField label={t("password")} name="password" type="password" autoComplete="current-password" required />
        <OpsField label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
        <OpsSubmit>{t("submit")}</OpsSubmit>
      </form>
    </OpsAuthCard>
  );
}
