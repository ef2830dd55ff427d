"use client";

import { useTranslations } from "next-intl";
import { EVENT_CHOICES } from "./event-types";
import { useEventLabel } from "./use-event-label";

/** Checkboxes for an endpoint's event filter; none ticked means every final event. */
export function EventChoices({ value, onChange }: { value: string[]; onChange: (events: string[]) => void }) {
  const t = useTranslations("webhooks.add");
  const events = useEventLabel();
  const toggle = (type: string) => onChange(value.includes(type) ? value.filter((t) => t !== type) : [...value, type]);
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{t("events")}</legend>
      <p className="mt-0.5 text-xs text-slate-500">{t("eventsHint")}</p>
      <div className="mt-2 grid gap-1.5">
        {EVENT_CHOICES.map((choice) => (
          <label key={choice.type} className="flex cursor-pointer items-start gap-2 text-sm">
            <input type="checkbox" checked={value.includes(choice.type)} onChange={() => toggle(choice.type)} className="mt-0.5 accent-indigo-600" />
            <span>
              <span className="font-medium text-slate-900">{events.label(choice.type)}</span> <span className="text-slate-500">— {events.hint(choice.type)}</span>
              <span className="block font-mono text-[11px] text-slate-500">{choice.type}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
