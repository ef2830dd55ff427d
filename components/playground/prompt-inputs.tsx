"use client";

import { useTranslations } from "next-intl";
import type { GenerationType } from "@/components/graphql/generated";
import { useFormat } from "@/components/i18n/format";
import { INPUT, INPUT_INVALID } from "./styles";

export const MAX_PROMPT = 5_000;

export interface PromptValues {
  text: string;
  image: string;
  voice: string;
}

interface Props {
  type: GenerationType;
  values: PromptValues;
  /** False when the provider already has a `voice` option, so the same choice is not asked twice. */
  showVoice: boolean;
  fieldError: { field: string; text: string } | null;
  onChange: (next: PromptValues) => void;
}

// Speech and avatars read a script aloud; pictures and video are described by a prompt.
const PROMPT_LABEL: Record<GenerationType, "prompt" | "script"> = { VIDEO: "prompt", IMAGE: "prompt", AUDIO: "script", AVATAR: "script" };

function FieldError({ field, error }: { field: string; error: Props["fieldError"] }) {
  if (error?.field !== field) return null;
  return (
    <p role="alert" data-field-error={field} className="mt-1 text-xs font-medium text-rose-700">
      {error.text}
    </p>
  );
}

/** What to generate from: the prompt or script, plus a start image and a voice where the type uses them. */
export function PromptInputs({ type, values, showVoice, fieldError, onChange }: Props) {
  const t = useTranslations("playground");
  const format = useFormat();
  const label = t(PROMPT_LABEL[type]);
  const placeholder = t(`placeholders.${type}`);
  const over = values.text.length > MAX_PROMPT;
  const bad = (field: string) => (fieldError?.field === field ? INPUT_INVALID : "");
  return (
    <div className="space-y-4">
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor="prompt" className="text-sm font-medium text-slate-800">
            {label}{" "}
            <span className="text-rose-600" aria-hidden="true">
              *
            </span>
          </label>
          <span data-testid="prompt-counter" className={`text-xs tabular-nums ${over ? "font-medium text-rose-700" : "text-slate-400"}`}>
            {format.number(values.text.length)} / {format.number(MAX_PROMPT)}
          </span>
        </div>
        <textarea
          id="prompt"
          rows={4}
          required
          value={values.text}
          placeholder={placeholder}
          onChange={(e) => onChange({ ...values, text: e.target.value })}
          className={`mt-1.5 resize-y ${INPUT} ${over ? INPUT_INVALID : bad("input.text")}`}
        />
        <FieldError field="input.text" error={fieldError} />
      </div>
      {type === "VIDEO" || type === "AVATAR" ? (
        <div>
          <label htmlFor="image" className="text-sm font-medium text-slate-800">
            {type === "AVATAR" ? t("portraitUrl") : t("startImageUrl")} <span className="font-normal text-slate-400">{t("optionalMost")}</span>
          </label>
          <input
            id="image"
            type="url"
            value={values.image}
            placeholder={t("imagePlaceholder")}
            onChange={(e) => onChange({ ...values, image: e.target.value })}
            className={`mt-1.5 ${INPUT} ${bad("input.image")}`}
          />
          <FieldError field="input.image" error={fieldError} />
        </div>
      ) : null}
      {showVoice && (type === "AUDIO" || type === "AVATAR") ? (
        <div>
          <label htmlFor="voice" className="text-sm font-medium text-slate-800">
            {t("voice")} <span className="font-normal text-slate-400">{t("optional")}</span>
          </label>
          <input
            id="voice"
            value={values.voice}
            placeholder={t("voicePlaceholder")}
            onChange={(e) => onChange({ ...values, voice: e.target.value })}
            className={`mt-1.5 ${INPUT} ${bad("input.voice")}`}
          />
          <FieldError field="input.voice" error={fieldError} />
        </div>
      ) : null}
    </div>
  );
}
