import { invalidInput } from "../errors";
import type { CatalogModel, Lineup, ModelSpec, OptionSpec, Options } from "./types";
import type { Warning } from "./warnings";

/**
 * Model lifecycle: which vendor model an option value means, what a retired one is refused with and what a
 * deprecated one warns. The model-choosing option offers every model that is not RETIRED; a retired id is still
 * recognised, so the client hears what to move to instead of a bare "must be one of".
 */

/** One model under a provider's own id (providers with a single vendor model). */
export function single(id: string, vendorModelId: string, extra: Partial<CatalogModel> = {}): Lineup {
  return { models: [{ id, vendorModelId, status: "GA", ...extra }] };
}

/** Ids a client may choose: every model still served. */
export function offeredModels(lineup: Lineup): string[] {
  return lineup.models.filter((m) => m.status !== "RETIRED").map((m) => m.id);
}

/** The model-choosing option of a lineup, with its allowed values taken from the lineup itself. */
export function modelOption(lineup: Lineup, spec: Omit<OptionSpec, "name" | "type" | "allowedValues">): OptionSpec {
  if (!lineup.option) throw new Error("modelOption needs a lineup with an option name");
  return { name: lineup.option, type: "STRING", allowedValues: offeredModels(lineup), ...spec };
}

/** The catalog model these (validated, defaulted) options run on. */
export function chosenModel(spec: ModelSpec, options: Options): CatalogModel {
  const { option, models } = spec.lineup;
  const wanted = option ? options[option] : undefined;
  return models.find((m) => m.id === String(wanted)) ?? models.find((m) => m.status !== "RETIRED") ?? models[0];
}

/** Refuses a retired model by name, before option validation would call it merely unknown. */
export function throwIfRetired(spec: ModelSpec, providerName: string, raw: Record<string, unknown>): void {
  const { option, models } = spec.lineup;
  if (!option || raw[option] === undefined) return;
  const model = models.find((m) => m.id === String(raw[option]));
  if (model?.status !== "RETIRED") return;
  const when = model.sunsetAt ? ` on ${model.sunsetAt}` : "";
  const instead = model.successor ? `; use "${model.successor}" instead` : `; choose one of ${offeredModels(spec.lineup).join(", ")}`;
  throw invalidInput(`options.${option}`, `${providerName} ${model.id} (${model.vendorModelId}) was retired by the vendor${when}${instead}`);
}

/** The notice a deprecated model runs with: its sunset date and successor. Undefined for any other status. */
export function deprecationWarning(spec: ModelSpec, providerName: string, options: Options): string | undefined {
  return deprecationNotice(spec, providerName, options)?.message;
}

/** The same notice as data (lib/providers/warnings.ts): the model, its sunset date and successor when known. */
export function deprecationNotice(spec: ModelSpec, providerName: string, options: Options): Warning | undefined {
  const model = chosenModel(spec, options);
  if (model.status !== "DEPRECATED") return undefined;
  const when = model.sunsetAt ? `stops serving it on ${model.sunsetAt}` : "will stop serving it";
  const instead = model.successor ? `; move to "${model.successor}"` : "";
  const message = `${providerName} ${model.id} (${model.vendorModelId}) is deprecated: the vendor ${when}${instead}`;
  const params = { ...(model.sunsetAt ? { sunsetAt: model.sunsetAt } : {}), ...(model.successor ? { successor: model.successor } : {}) };
  return { code: "MODEL_DEPRECATED", message, provider: providerName, value: model.id, params };
}
