"use client";

import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { CreateKeyForm } from "@/components/dashboard/keys/create-key-form";
import { KeyRow } from "@/components/dashboard/keys/key-row";
import { NewKeyBox } from "@/components/dashboard/keys/new-key-box";
import type { ApiKey } from "@/components/dashboard/types";
import { Card, PageHeader } from "@/components/dashboard/ui/card";
import { EmptyState, ErrorNotice, readableError, SkeletonRows } from "@/components/dashboard/ui/states";

const KeysQuery = /* GraphQL */ `
  query ApiKeys {
    apiKeys { id name mode prefix createdAt lastUsedAt revokedAt }
  }
`;

// GET /dashboard/keys — create (the full key is shown once), list and revoke the account's API keys.
export default function KeysPage() {
  // An empty list carries no ApiKey typename, so tell urql's cache which mutations make this query stale.
  const context = useMemo(() => ({ additionalTypenames: ["ApiKey"] }), []);
  const [{ data, error }, refetch] = useQuery<{ apiKeys: ApiKey[] }>({ query: KeysQuery, context });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  return (
    <>
      <PageHeader title="API keys" description="Keys authenticate calls to the GraphQL API. Send one as Authorization: Bearer <key>." />
      <div className="space-y-6">
        {created ? <NewKeyBox name={created.name} secret={created.key} onDone={() => setCreated(null)} /> : null}
        <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <Card title="Create a key" className="self-start">
            <CreateKeyForm onCreated={(c) => setCreated({ key: c.key, name: c.apiKey.name })} />
          </Card>
          <section className="self-start overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="keys-list">
            <header className="border-b border-slate-100 px-5 py-3.5">
              <h2 className="text-sm font-semibold text-slate-900">Your keys</h2>
            </header>
            {error && !data ? (
              <div className="p-5">
                <ErrorNotice title="We couldn’t load your keys" message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
              </div>
            ) : !data ? (
              <div className="p-5">
                <SkeletonRows rows={3} />
              </div>
            ) : data.apiKeys.length === 0 ? (
              <div className="p-5">
                <EmptyState title="No API keys yet">Create a key to call the API from your code. You can have as many as you need, one per app or environment.</EmptyState>
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
