import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { OpsAlert, OpsAuthCard, OpsField, OpsSubmit } from "@/components/ops/ops-auth-card";
import { pendingEnrolment } from "@/lib/ops/enrolment";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ops.enrol"))("metaTitle"), robots: { index: false } };
}
export const dynamic = "force-dynamic";

// GET /ops/enrol?token=… — the link `npm run admin -- grant-operator` printed. Any other token (or none) is a 404,
// like every console page to a stranger.
export default async function OpsEnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : undefined;
  const enrolment = await pendingEnrolment(token);
  if (!enrolment || !token) notFound();
  const t = await getTranslations("ops.enrol");
  const qr = await QRCode.toDataURL(enrolment.uri, { margin: 1, width: 200 });
  const error = params.error === "refused" || params.error === "throttled" ? params.error : undefined;
  return (
    <OpsAuthCard title={t("title")} subtitle={t("subtitle", { email: enrolment.email })} badge={t("badge")}>
      <div className="space-y-4">
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>{t("stepScan")}</li>
          <li>{t("stepCode")}</li>
        </ol>
        {/* A data: URL made on the server: the secret never leaves this page for a QR service. */}
        <img src={qr} alt={t("qrAlt")} width={200} height={200} className="mx-auto rounded border border-slate-200" data-testid="ops-totp-qr" />
        <p className="text-center text-xs text-slate-500">
          {t("manual")}{" "}
          <code className="font-mono break-all text-slate-800" data-testid="ops-totp-secret">
            {enrolment.secret}
          </code>
        </p>
        {error ? (
          <OpsAlert tone="error" testId="ops-enrol-error">
            {t(`errors.${error}`)}
          </OpsAlert>
        ) : null}
        <form method="post" action="/ops/api/enrol" className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <OpsField label={t("password")} name="password" type="password" autoComplete="current-password" required />
          <OpsField label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
          <OpsSubmit>{t("submit")}</OpsSubmit>
        </form>
      </div>
    </OpsAuthCard>
  );
}
