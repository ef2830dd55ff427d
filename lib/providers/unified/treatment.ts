import type { GenerationType, ModelSpec, OptionValue } from "../types";
import { UNIFIED_OPTIONS } from "./vocabulary";

/**
 * How one provider treats one unified option (issue 14). Declared per model in `ModelSpec.unified`; an option the
 * model lists under the same name is native without a declaration, and anything else is ignored.
 * - native: sent as the vendor's own field (`option` names the model's own option when it is called differently;
 *   `map` gives the vendor's value for the same thing, `nearest` the closest one with a warning).
 * - approximated: the vendor has no such field, so we get close another way — `prompt` adds words in the vendor's
 *   own documented syntax, other approximations live in the adapter (SSML prosody, several jobs…).
 * - ignored: the vendor cannot do it; the request runs without it and says so in `warnings`.
 */
export type Treatment =
  | {
      kind: "native";
      option?: string;
      /** The vendor's own value for the same thing (720p → Kling's std): sent silently, still native. */
      map?: (value: OptionValue) => OptionValue | undefined;
      /** The closest vendor value when `map` has no exact one: sent with a warning, refused by strict. */
      nearest?: (value: OptionValue) => OptionValue | undefined;
      note?: string;
    }
  | { kind: "approximated"; note: string; prompt?: (value: OptionValue) => string }
  | { kind: "ignored"; note?: string };

export type TreatmentKind = Treatment["kind"];

const words = (value: OptionValue) => String(value).replace(/_/g, " ");
const MOTION: Record<string, string> = { low: "subtle, gentle motion", medium: "natural motion", high: "dynamic, energetic motion" };

/**
 * What a text-prompted model does with a visual option it has no field for: the words go into the prompt, which
 * every such model reads. A model that documents its own syntax (MiniMax's [Pan left]) declares its own.
 */
const PROMPTED: Partial<Record<GenerationType, Record<string, Treatment>>> = {
  VIDEO: {
    style: { kind: "approximated", note: "added to the prompt as words", prompt: (v) => `${words(v)} style.` },
    cameraMotion: { kind: "approximated", note: "described in the prompt", prompt: (v) => (v === "static" ? "Static camera." : `Camera: ${words(v)}.`) },
    motionIntensity: { kind: "approximated", note: "described in the prompt", prompt: (v) => `${MOTION[String(v)] ?? words(v)}.` },
  },
  IMAGE: {
    style: { kind: "approximated", note: "added to the prompt as words", prompt: (v) => `${words(v)} style.` },
  },
};

/**
 * Several outputs from a vendor that makes one file per job: the same job several times, followed together
 * (lib/generations/attempt-provider.ts). A vendor that returns several files from one job declares it native.
 */
export const SEVERAL_JOBS: Treatment = { kind: "approximated", note: "made as several jobs of the same request (seed, seed+1… when a seed is set)" };

/**
 * The treatment a model gives a unified option: its declaration; else native when it lists the name; else, for
 * visual options of prompted models, words in the prompt; numOutputs as several jobs; else ignored.
 */
export function treatmentOf(model: ModelSpec, type: GenerationType, name: string): Treatment {
  const declared = model.unified?.[name];
  if (declared) return declared;
  if (model.options.some((o) => o.name === name)) return { kind: "native" };
  if (name === "numOutputs") return SEVERAL_JOBS;
  return PROMPTED[type]?.[name] ?? { kind: "ignored" };
}

export interface TreatmentRow {
  name: string;
  kind: TreatmentKind;
  /** The model's own option a native value is sent as. */
  option: string | null;
  note: string | null;
}

/** Every unified option of the type with this model's treatment: the `providers { unifiedOptions }` table. */
export function treatmentTable(model: ModelSpec, type: GenerationType): TreatmentRow[] {
  return UNIFIED_OPTIONS[type].map(({ name }) => {
    const t = treatmentOf(model, type, name);
    return { name, kind: t.kind, option: t.kind === "native" ? (t.option ?? name) : null, note: t.note ?? null };
  });
}

/** The prompt the vendor is sent: the client's, then the words of approximated options (vendor syntax). */
export function promptWithApproximations(model: ModelSpec, type: GenerationType, text: string, applied: Record<string, OptionValue>): string {
  const parts: string[] = [];
  for (const { name } of UNIFIED_OPTIONS[type]) {
    const t = treatmentOf(model, type, name);
    const words = t.kind === "approximated" && t.prompt && applied[name] !== undefined ? t.prompt(applied[name]) : "";
    if (words) parts.push(words);
  }
  return parts.length ? `${text.trimEnd()} ${parts.join(" ")}` : text;
}

/** A unified option the vendor cannot honour, with why (shown in `warnings` and the unifiedOptions table). */
export const ignored = (note: string): Treatment => ({ kind: "ignored", note });

/** A unified option approached another way: `prompt` adds the vendor's own syntax, else the adapter does it. */
export const approximated = (note: string, prompt?: (value: OptionValue) => string): Treatment => ({ kind: "approximated", note, prompt });
