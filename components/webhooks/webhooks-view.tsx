"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import { useQuery } from "urql";
import { Card, PageHeader } from "@/components/dashboard/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { richTags } from "@/components/i18n/rich";
import { AddEndpointForm } from "./add-endpoint-form";
import { WebhookDeliveriesDocument, WebhookEndpointsDocument } from "@/components/graphql/generated";
import { DeliveryRow } from "./delivery-row";
import { EndpointRow } from "./endpoint-row";
import { SigningSecretCard } from "./signing-secret-card";

const LIST = "self-start overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm";

/** The webhooks page: signing secret, endpoints (add, enable/disable, test, delete) and the delivery log. */
export function WebhooksView() {
  const t = useTranslations("webhooks");
  const readableError = useApiError();
  // Empty lists carry no typename, so name the types whose mutations make these queries stale.
  const context = useMemo(() => ({ additionalTypenames: ["WebhookEndpoint", "WebhookDelivery"] }), []);
  const [endpoints, refetchEndpoints] = useQuery({ query: WebhookEndpointsDocument, context });
  const [deliveries, refetchDeliveries] = useQuery({ query: WebhookDeliveriesDocument, variables: { first: 25 }, context });
  const later = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(later.current), []);
  const refresh = () => {
    refetchEndpoints({ requestPolicy: "network-only" });
    refetchDeliveries({ requestPolicy: "network-only" });
    // Deliveries are attempted in the background: look again shortly so the result shows without a reload.
    clearTimeout(later.current);
    later.current = setTimeout(() => refetchDeliveries({ requestPolicy: "network-only" }), 1_500);
  };

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <div className="space-y-6 self-start">
            <Card title={t("add.title")}>
              <AddEndpointForm onAdded={refresh} />
            </Card>
          </div>
          <div className="space-y-6">
            <SigningSecretCard />
            <section className={LIST} data-testid="endpoints-list">
              <header className="border-b border-slate-100 px-5 py-3.5">
                <h2 className="text-sm font-semibold text-slate-900">{t("endpoints")}</h2>
              </header>
              {endpoints.error && !endpoints.data ? (
                <div className="p-5">
                  <ErrorNotice title={t("endpointsError")} message={readableError(endpoints.error)} onRetry={refresh} />
                </div>
              ) : !endpoints.data ? (
                <div className="p-5">
                  <SkeletonRows rows={2} />
                </div>
              ) : endpoints.data.webhookEndpoints.length === 0 ? (
                <div className="p-5">
                  <EmptyState title={t("noEndpoints")}>{t.rich("noEndpointsBody", richTags("font-mono text-xs"))}</EmptyState>
                </div>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {endpoints.data.webhookEndpoints.map((e) => (
                    <EndpointRow key={e.id} endpoint={e} onChanged={refresh} />
                  ))}
                </ul>
              )}
            </section>
          </div>
        </div>
        <section className={LIST} data-testid="deliveries-list">
          <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3.5">
            <h2 className="text-sm font-semibold text-slate-900">{t("deliveries")}</h2>
            <button type="button" onClick={refresh} className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100">
              {t("refresh")}
            </button>
          </header>
          {deliveries.error && !deliveries.data ? (
            <div className="p-5">
              <ErrorNotice title={t("deliveriesError")} message={readableError(deliveries.error)} onRetry={refresh} />
            </div>
          ) : !deliveries.data ? (
            <div className="p-5">
              <SkeletonRows rows={3} />
            </div>
          ) : deliveries.data.webhookDeliveries.nodes.length === 0 ? (
            <div className="p-5">
              <EmptyState title={t("noDeliveries")}>{t("noDeliveriesBody")}</EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-slate-100">
              {deliveries.data.webhookDeliveries.nodes.map((d) => (
                <DeliveryRow key={d.id} delivery={d} onChanged={refresh} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
