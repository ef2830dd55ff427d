import { invalidInput } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import { providersFor } from "../providers/catalog";

/**
 * OpenAI's own model names. A client written for OpenAI sends one of them by default (the Vercel AI SDK needs a
 * model id); Doitong has none of them, so they mean `auto` — the drop-in works and routing chooses.
 */
const OPENAI_MODELS = /^(dall-e-|gpt-image-|chatgpt-image|tts-|gpt-4o-mini-tts|gpt-4o-tts|sora-)/;

export interface ResolvedModel {
  /** The provider to use, or undefined to let routing choose. */
  provider?: string;
  /** The model-choosing option, when the model is one of several behind a provider. */
  options: Record<string, string>;
}

/** `model` as a /v1 client sends it: a provider id, one of a provider's model ids, `auto`, or an OpenAI name. */
export function resolveModel(type: GenerationType, model: string | null | undefined): ResolvedModel {
  if (!model || model === "auto" || OPENAI_MODELS.test(model)) return { options: {} };
  const providers = providersFor(type);
  if (providers.some((p) => p.id === model)) return { provider: model, options: {} };
  for (const provider of providers) {
    const lineup = provider.models[type]?.lineup;
    const found = lineup?.models.find((m) => m.id === model || m.vendorModelId === model);
    if (lineup && found) return { provider: provider.id, options: lineup.option ? { [lineup.option]: found.id } : {} };
  }
  throw invalidInput("model", `Unknown ${type.toLowerCase()} model "${model}": GET /v1/models lists the provider and model ids, or send "auto"`);
}
