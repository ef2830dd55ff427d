import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WebhooksView } from "@/components/webhooks/webhooks-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("metaTitle") };
}

// GET /dashboard/webhooks — signing secret, endpoints with event filters, and the delivery log.
export default function WebhooksPage() {
  return <WebhooksView />;
}
