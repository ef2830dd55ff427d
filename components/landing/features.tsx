import { useTranslations } from "next-intl";
import type { ComponentType, SVGProps } from "react";
import { richTags } from "@/components/i18n/rich";
import { BellIcon, BoltIcon, GaugeIcon, RepeatIcon, SparklesIcon, TargetIcon } from "./icons";
import { SectionHeading } from "./section-heading";

interface Feature {
  /** Key under landing.features in the catalogs. */
  id: "universal" | "routing" | "idempotency" | "limits" | "webhooks" | "errors";
  icon: ComponentType<SVGProps<SVGSVGElement>>;
}

// The six promises of the product page, each naming the header or field that keeps it.
const FEATURES: Feature[] = [
  { id: "universal", icon: TargetIcon },
  { id: "routing", icon: SparklesIcon },
  { id: "idempotency", icon: RepeatIcon },
  { id: "limits", icon: GaugeIcon },
  { id: "webhooks", icon: BellIcon },
  { id: "errors", icon: BoltIcon },
];

export function Features() {
  const t = useTranslations("landing.features");
  return (
    <section id="features" aria-labelledby="features-title" className="scroll-mt-16 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <SectionHeading id="features-title" eyebrow={t("eyebrow")} title={t("title")} align="center">
          <p>{t("lead")}</p>
        </SectionHeading>
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map(({ id, icon: Icon }) => (
            <li key={id} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
              <span className="inline-flex size-11 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100">
                <Icon className="size-6" />
              </span>
              <h3 className="mt-5 text-lg font-semibold text-slate-900">{t(`${id}.title`)}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{t.rich(`${id}.body`, richTags())}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
