import type { Metadata } from "next";
import { WebhooksView } from "@/components/webhooks/webhooks-view";

export const metadata: Metadata = { title: "Webhooks · Doitong" };

// GET /dashboard/webhooks — signing secret, endpoints with event filters, and the delivery log.
export default function WebhooksPage() {
  return <WebhooksView />;
}
