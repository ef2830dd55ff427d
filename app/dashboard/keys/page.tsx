"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { CreateKeyForm } from "@/components/dashboard/keys/create-key-form";
import { KeyRow } from "@/components/dashboard/keys/key-row";
import { NewKeyBox } from "@/components/dashboard/keys/new-key-box";
import { ApiKeysDocument } from "@/components/graphql/generated";
import { Card, PageHeader } from "@/components/dashboard/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";

// GET /dashboard/keys — create (the full key is shown once), list and revoke the account's API keys.
export default function KeysPage() {
  const t = useTranslations("dashboard.keys");
  const readableError = useApiError();
  // An empty list carries no ApiKey typename, so tell urql's cache which mutations make this query stale.
  const context = useMemo(() => ({ additionalTypenames: ["ApiKey"] }), []);
  const [{ data, error }, refetch] = useQuery({ query: ApiKeysDocument, context });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {created ? <NewKeyBox name={created.name} secret={created.key} onDone={() => setCreated(null)} /> : null}
        <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <Card title={t("create")} className="self-start">
            <CreateKeyForm onCreated={(c) => setCreated({ key: c.key, name: c.apiKey.name })} />
          </Card>
          <section className="self-start overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="keys-list">
            <header className="border-b border-slate-100 px-5 py-3.5">
              <h2 className="text-sm font-semibold text-slate-900">{t("yours")}</h2>
            </header>
            {error && !data ? (
              <div className="p-5">
                <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
              </div>
            ) : !data ? (
              <div className="p-5">
                <SkeletonRows rows={3} />
              </div>
            ) : data.apiKeys.length === 0 ? (
              <div className="p-5">
                <EmptyState title={t("empty")}>{t("emptyBody")}</EmptyState>
              </div>
            ) : (
              <ul className="divide-y divide-slate-100">
                {data.apiKeys.map((k) => (
                  <KeyRow key={k.id} apiKey={k} />
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
