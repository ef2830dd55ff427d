"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import {
  type GenerateInput,
  type GenerationType,
  type PlaygroundGenerationFragment as Generation,
  PlaygroundCreditsDocument,
  PlaygroundGenerateDocument,
  PlaygroundProvidersDocument,
  type Priority,
  type ProviderOptionFieldsFragment as ProviderOption,
} from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";
import { shownError, type ShownError, useErrorText } from "./errors";
import { EstimatePanel } from "./estimate-panel";
import { type DraftValues, toOptions } from "./option-values";
import { OptionsForm } from "./options-form";
import { PromptInputs, type PromptValues } from "./prompt-inputs";
import { AUTO, ProviderPicker } from "./provider-picker";
import { RunCard } from "./run-card";
import { RunList } from "./run-list";
import { CARD } from "./styles";
import { TypeTabs } from "./type-tabs";
import { useEstimate } from "./use-estimate";

// The estimate needs some text; until the person types, price a one-word prompt (length only matters for speech).
const PLACEHOLDER_TEXT = "Preview";

/** The playground: pick a type and provider, fill the generated form, see the price, run, watch, play the result. */
export function Playground() {
  const t = useTranslations("playground");
  const errorText = useErrorText();
  const readableError = useApiError();
  const [type, setType] = useState<GenerationType>("IMAGE");
  const [providerId, setProviderId] = useState(AUTO);
  const [priority, setPriority] = useState<Priority>("BALANCED");
  const [prompt, setPrompt] = useState<PromptValues>({ text: "", image: "", voice: "" });
  // Unified values belong to the type (they survive a change of provider); own options to one provider.
  const [drafts, setDrafts] = useState<Partial<Record<GenerationType, DraftValues>>>({});
  const [advanced, setAdvanced] = useState<{ provider: string; values: DraftValues } | null>(null);
  const [runs, setRuns] = useState<Generation[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [runError, setRunError] = useState<ShownError | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});

  const [providersResult] = useQuery({ query: PlaygroundProvidersDocument, variables: { type } });
  const providers = providersResult.data?.providers;
  const unified = useMemo(
    () => (providersResult.data?.unifiedOptions ?? []).map((o) => (o.type === "BOOLEAN" ? { ...o, allowedValues: ["true", "false"] } : o)),
    [providersResult.data],
  );
  const [credits, refetchCredits] = useQuery({ query: PlaygroundCreditsDocument });
  const [generate, runGenerate] = useMutation(PlaygroundGenerateDocument);

  useEffect(() => {
    if (providers) setNames((n) => ({ ...n, ...Object.fromEntries(providers.map((p) => [p.id, p.name])) }));
  }, [providers]);

  // With Auto, the form follows the provider the server last said it would pick.
  const auto = providerId === AUTO;
  const [pickedId, setPickedId] = useState<string | null>(null);
  const formProvider = providers?.find((p) => p.id === (auto ? pickedId : providerId)) ?? null;
  const values = drafts[type] ?? {};
  const vendorOnly = formProvider?.options.filter((o) => !o.unified) ?? [];
  const advancedValues = formProvider && advanced?.provider === formProvider.id ? advanced.values : {};
  const providerOptions = formProvider ? toOptions(vendorOnly, advancedValues) : {};

  const request: GenerateInput = {
    type,
    ...(auto ? { priority } : { provider: providerId }),
    input: {
      text: prompt.text.trim() || PLACEHOLDER_TEXT,
      ...(prompt.image.trim() && (type === "VIDEO" || type === "AVATAR") ? { image: prompt.image.trim() } : {}),
      ...(prompt.voice.trim() && (type === "AUDIO" || type === "AVATAR") ? { voice: prompt.voice.trim() } : {}),
    },
    options: toOptions(unified, values),
    ...(formProvider && Object.keys(providerOptions).length > 0 ? { providerOptions: { [formProvider.id]: providerOptions } } : {}),
  };
  const { estimate, lastGood, error, pending } = useEstimate(request);
  useEffect(() => {
    if (auto && lastGood && lastGood.provider !== pickedId) setPickedId(lastGood.provider);
  }, [auto, lastGood, pickedId]);

  const shown = runError ?? error;
  // An option out of range is explained from the option's own bounds, in the reader's language.
  const fieldOption = shown?.field ? optionNamed(shown.field, unified, vendorOnly, formProvider?.id) : undefined;
  const fieldError = shown?.field
    ? { field: shown.field, text: shown.code === "INVALID_INPUT" ? ((fieldOption && optionProblem(fieldOption, t)) ?? readableError(shown) ?? "") : errorText(shown) }
    : null;

  function changeType(next: GenerationType) {
    setType(next);
    setProviderId(AUTO);
    setPickedId(null);
    setAdvanced(null);
    setRunError(null);
  }

  async function run() {
    setRunError(null);
    const result = await runGenerate({ input: { ...request, input: { ...request.input, text: prompt.text.trim() } } });
    if (result.error) return setRunError(shownError(result.error));
    if (!result.data) return;
    const g = result.data.generate;
    setRuns((r) => [g, ...r]);
    setSelectedId(g.id);
    refetchCredits({ requestPolicy: "network-only" });
  }

  const selected = runs.find((r) => r.id === selectedId) ?? null;
  const providerName = (id: string) => names[id] ?? id;

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-start">
      <div className={`${CARD} space-y-6`}>
        <TypeTabs value={type} onChange={changeType} />
        <ProviderPicker
          providers={providers}
          fetching={providersResult.fetching}
          value={providerId}
          priority={priority}
          error={fieldError?.field === "provider" ? fieldError.text : undefined}
          onChange={(id) => {
            setProviderId(id);
            setRunError(null);
          }}
          onPriority={setPriority}
        />
        {providersResult.error ? (
          <p role="alert" className="text-sm text-rose-700">
            {readableError(providersResult.error)}
          </p>
        ) : null}
        <PromptInputs
          type={type}
          values={prompt}
          showVoice={!formProvider?.options.some((o) => o.name === "voice")}
          fieldError={fieldError}
          onChange={(v) => {
            setPrompt(v);
            setRunError(null);
          }}
        />
        <OptionsForm
          type={type}
          unified={unified}
          provider={formProvider}
          autoPicked={auto}
          draft={values}
          advanced={advancedValues}
          fieldError={fieldError}
          onChange={(name, v) => {
            setDrafts((d) => ({ ...d, [type]: { ...values, [name]: v } }));
            setRunError(null);
          }}
          onAdvanced={(name, v) => {
            if (formProvider) setAdvanced({ provider: formProvider.id, values: { ...advancedValues, [name]: v } });
            setRunError(null);
          }}
          onReset={() => {
            setDrafts((d) => ({ ...d, [type]: {} }));
            setAdvanced(null);
          }}
        />
      </div>
      <div className="space-y-6 lg:sticky lg:top-6">
        <EstimatePanel
          estimate={estimate}
          error={runError && !runError.field ? runError : error}
          pending={pending}
          providers={providers}
          balance={credits.data?.me.credits.balance ?? null}
          canRun={prompt.text.trim().length > 0 && prompt.text.length <= 5_000 && !pending && !error}
          running={generate.fetching}
          onRun={() => void run()}
        />
        {selected ? (
          <RunCard key={selected.id} initial={selected} providerName={providerName(selected.provider)} onFinal={() => refetchCredits({ requestPolicy: "network-only" })} />
        ) : (
          <div className="rounded-2xl border border-dashed border-slate-300 px-6 py-10 text-center">
            <p className="text-sm font-medium text-slate-700">{t("nothingYet")}</p>
            <p className="mt-1 text-sm text-slate-500">{t("nothingYetBody")}</p>
          </div>
        )}
      </div>
      <section aria-labelledby="runs-title" className="lg:col-span-2">
        <h2 id="runs-title" className="mb-3 text-sm font-semibold text-slate-900">
          {t("session")}
        </h2>
        <RunList runs={runs} selectedId={selectedId} providerName={providerName} onSelect={setSelectedId} />
      </section>
    </div>
  );
}

/** The option an INVALID_INPUT names: `options.<name>` (unified) or `providerOptions.<provider>.<name>` (its own). */
function optionNamed(field: string, unified: ProviderOption[], own: ProviderOption[], providerId: string | undefined): ProviderOption | undefined {
  if (field.startsWith("options.")) {
    const name = field.slice("options.".length);
    return unified.find((o) => o.name === name) ?? own.find((o) => o.name === name);
  }
  const prefix = `providerOptions.${providerId}.`;
  return field.startsWith(prefix) ? own.find((o) => o.name === field.slice(prefix.length)) : undefined;
}

/** What a valid value looks like, from the option's declared bounds (the API's message is English). */
function optionProblem(o: ProviderOption, t: (key: "fieldRange" | "fieldMin" | "fieldMax" | "fieldChoice", values?: Record<string, number>) => string): string | undefined {
  if (o.allowedValues) return t("fieldChoice");
  if (o.min !== null && o.max !== null) return t("fieldRange", { min: o.min, max: o.max });
  if (o.min !== null) return t("fieldMin", { min: o.min });
  if (o.max !== null) return t("fieldMax", { max: o.max });
  return undefined;
}
