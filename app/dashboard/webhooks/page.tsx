import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/dashboard/ui/card";

export const metadata: Metadata = { title: "Webhooks · Doitong" };

const SAMPLE = `mutation {
  generate(input: {
    type: IMAGE
    input: { text: "A lighthouse at dusk" }
    webhookUrl: "https://example.com/hooks/doitong"
  }) { id status }
}`;

// GET /dashboard/webhooks — what exists today (per-request webhookUrl) and what is coming, stated plainly.
export default function WebhooksPage() {
  return (
    <>
      <PageHeader title="Webhooks" description="Get told when a generation finishes instead of polling." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Signed webhooks are on the way">
          <span className="inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">Coming soon</span>
          <p className="mt-3 text-sm leading-6 text-slate-700">
            Endpoints you register here, signed the{" "}
            <a href="https://www.standardwebhooks.com/" className="font-medium text-indigo-600 hover:text-indigo-500">
              Standard Webhooks
            </a>{" "}
            way with a <code className="rounded bg-slate-100 px-1 font-mono text-xs">whsec_</code> secret, with a delivery log and retries, arrive
            together with the background jobs work. This page will manage them.
          </p>
          <p className="mt-3 text-sm leading-6 text-slate-700">Until then there is nothing to configure here, and nothing is sent from this page.</p>
        </Card>
        <Card title="Today: webhookUrl per request">
          <p className="text-sm leading-6 text-slate-700">
            The API already accepts a <code className="rounded bg-slate-100 px-1 font-mono text-xs">webhookUrl</code> on each{" "}
            <code className="rounded bg-slate-100 px-1 font-mono text-xs">generate</code> or <code className="rounded bg-slate-100 px-1 font-mono text-xs">videoCreate</code>{" "}
            request:
          </p>
          <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">{SAMPLE}</pre>
          <p className="mt-3 text-sm leading-6 text-slate-600">
            It is validated and stored with the generation, so your integration can send it now; calls to it start when signed delivery ships.
            Meanwhile, poll <code className="rounded bg-slate-100 px-1 font-mono text-xs">generation(id)</code> for the status.
          </p>
        </Card>
      </div>
    </>
  );
}
