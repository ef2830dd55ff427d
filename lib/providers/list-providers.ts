import type { GenerationType, KeyMode } from "../generated/prisma/client";
import type { PriceBook } from "../prices/price-book";
import { providersFor } from "./catalog";
import { quote } from "./pricing";
import { availability } from "./registry";
import { defaultOptions } from "./resolve-options";
import type { CatalogModel, ModelSpec, OptionSpec } from "./types";
import { type TreatmentRow, treatmentTable } from "./unified/treatment";
import { UNIFIED_OPTIONS, unifiedOption } from "./unified/vocabulary";

export interface ProviderListing {
  id: string;
  name: string;
  vendor: string;
  description: string;
  features: readonly string[];
  limitations: readonly string[];
  pricing: { creditCost: number; estimatedTime: number };
  /** The model's own options; `unified` marks the ones that are also unified names. */
  options: (OptionSpec & { required: boolean; unified: boolean })[];
  /** Every unified option of the type with how this provider treats it. */
  unifiedOptions: (OptionSpec & TreatmentRow & { required: boolean; treatment: Uppercase<TreatmentRow["kind"]> })[];
  inputs: { name: string; required: boolean }[];
  /** The vendor models behind this provider for the type, with lifecycle status. */
  models: readonly CatalogModel[];
  available: boolean;
  unavailableReason: string | null;
  preview: boolean;
}

/**
 * The catalog for one generation type, with availability for this caller's mode and default-option pricing from the
 * price lists in force now (`prices`: currentPriceBook()). Availability follows the operators' switches as this
 * process last read them: callers serving clients await providerSwitches().ensureLoaded() first.
 */
export function listProviders(type: GenerationType, mode: KeyMode, prices: PriceBook): ProviderListing[] {
  return providersFor(type).map((provider) => {
    const model = provider.models[type] as ModelSpec;
    const defaults = defaultOptions(model);
    const { available, reason } = availability(provider, mode);
    return {
      id: provider.id,
      name: provider.name,
      vendor: provider.vendor,
      description: provider.description,
      features: provider.features,
      limitations: provider.limitations,
      pricing: { creditCost: quote(prices, provider.id, type, model, defaults, "").credits, estimatedTime: Math.round(model.estimatedTime(defaults)) },
      options: model.options.map((o) => ({ ...o, required: o.required ?? false, unified: unifiedOption(type, o.name) !== undefined })),
      unifiedOptions: treatmentTable(model, type).map((row) => ({
        ...(unifiedOption(type, row.name) as OptionSpec),
        ...row,
        required: false,
        treatment: row.kind.toUpperCase() as Uppercase<TreatmentRow["kind"]>,
      })),
      inputs: Object.entries(model.inputs ?? {}).map(([name, need]) => ({ name, required: need === "required" })),
      models: model.lineup.models,
      available,
      unavailableReason: reason ?? null,
      preview: provider.preview ?? false,
    };
  });
}

/** The unified options of a type: the fields of the dashboard's form and of every provider of the type. */
export function listUnifiedOptions(type: GenerationType): (OptionSpec & { required: boolean; unified: boolean })[] {
  return UNIFIED_OPTIONS[type].map((o) => ({ ...o, required: false, unified: true }));
}
