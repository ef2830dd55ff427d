"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { buttonClass, inputClass } from "@/components/dashboard/ui/card";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { CreateWebhookEndpointDocument } from "@/components/graphql/generated";
import { EventChoices } from "./event-choices";

/** URL + event filter. The server refuses private addresses and says so in the error. */
export function AddEndpointForm({ onAdded }: { onAdded: () => void }) {
  const t = useTranslations("webhooks.add");
  const readableError = useApiError();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([]);
  const [{ fetching, error }, create] = useMutation(CreateWebhookEndpointDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ url: url.trim(), events });
    if (result.data) {
      setUrl("");
      setEvents([]);
      onAdded();
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" aria-label={t("formLabel")}>
      <div>
        <label htmlFor="endpoint-url" className="block text-sm font-medium text-slate-800">
          {t("url")}
        </label>
        <input id="endpoint-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t("urlPlaceholder")} className={`mt-1.5 ${inputClass}`} />
        <p className="mt-1 text-xs text-slate-500">{t("urlHint")}</p>
      </div>
      <EventChoices value={events} onChange={setEvents} />
      {error ? <ErrorNotice title={t("error")} message={readableError(error)} /> : null}
      <button type="submit" disabled={fetching || !url.trim()} className={buttonClass.primary}>
        {fetching ? t("adding") : t("submit")}
      </button>
    </form>
  );
}
