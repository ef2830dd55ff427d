"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { type ApiKeyFieldsFragment as ApiKey, CreateKeyDocument, type KeyMode } from "@/components/graphql/generated";
import { buttonClass, inputClass } from "../ui/card";
import { useApiError } from "@/components/i18n/api-error";
import { ErrorNotice } from "../ui/states";

// The server does not treat test keys differently yet (same providers, same credits), so the copy says so.
const MODES: { mode: KeyMode; text: "liveText" | "testText" }[] = [
  { mode: "LIVE", text: "liveText" },
  { mode: "TEST", text: "testText" },
];

/** Name + mode; hands the one-time full key to the page, which shows it once. */
export function CreateKeyForm({ onCreated }: { onCreated: (created: { key: string; apiKey: ApiKey }) => void }) {
  const t = useTranslations("dashboard.keys");
  const modeName = useTranslations("dashboard.mode");
  const readableError = useApiError();
  const [name, setName] = useState("");
  const [mode, setMode] = useState<KeyMode>("LIVE");
  const [{ fetching, error }, create] = useMutation(CreateKeyDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ name: name.trim(), mode });
    if (result.data) {
      onCreated(result.data.createApiKey);
      setName("");
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" aria-label={t("formLabel")}>
      <div>
        <label htmlFor="key-name" className="block text-sm font-medium text-slate-800">
          {t("name")}
        </label>
        <input
          id="key-name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t("namePlaceholder")}
          className={`mt-1.5 ${inputClass}`}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("modeLegend")}</legend>
        <div className="mt-1.5 grid gap-2">
          {MODES.map((m) => (
            <label
              key={m.mode}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition ${mode === m.mode ? "border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500" : "border-slate-300 hover:bg-slate-50"}`}
            >
              <input type="radio" name="mode" value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} className="mt-0.5 accent-indigo-600" />
              <span>
                <span className="block font-semibold text-slate-900">{modeName(m.mode)}</span>
                <span className="text-slate-600">{t(m.text)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <ErrorNotice title={t("notCreated")} message={readableError(error)} /> : null}
      <button type="submit" disabled={fetching || !name.trim()} className={buttonClass.primary}>
        {fetching ? t("creating") : t("createButton")}
      </button>
    </form>
  );
}
