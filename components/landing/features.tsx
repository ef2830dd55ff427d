import type { ComponentType, ReactNode, SVGProps } from "react";
import { BellIcon, BoltIcon, GaugeIcon, RepeatIcon, SparklesIcon, TargetIcon } from "./icons";
import { SectionHeading } from "./section-heading";

interface Feature {
  title: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  body: ReactNode;
}

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">{children}</code>
);

// The six promises of the product page, each naming the header or field that keeps it.
const FEATURES: Feature[] = [
  {
    title: "Universal generation",
    icon: TargetIcon,
    body: (
      <>
        One <Code>generate</Code> mutation for every content type: video, images, audio and avatars. One consistent
        shape to integrate, whatever the vendor.
      </>
    ),
  },
  {
    title: "Smart provider selection",
    icon: SparklesIcon,
    body: (
      <>
        Let the API pick the best available provider for <Code>priority: QUALITY</Code>, <Code>SPEED</Code> or{" "}
        <Code>COST</Code>, or name a specific model for full control.
      </>
    ),
  },
  {
    title: "Idempotent requests",
    icon: RepeatIcon,
    body: (
      <>
        Retry safely with an <Code>Idempotency-Key</Code> header. A repeated request returns the original result: no
        double generations, no double charges after a network hiccup.
      </>
    ),
  },
  {
    title: "Smart limits",
    icon: GaugeIcon,
    body: (
      <>
        Clear <Code>X-RateLimit-*</Code> headers on every response help you pace requests and never hit a 429 by
        surprise.
      </>
    ),
  },
  {
    title: "Signed webhooks",
    icon: BellIcon,
    body: (
      <>
        HMAC-signed webhooks (Standard Webhooks) for reliable async notifications. Know the moment your content is
        ready, with retries and a log of every attempt.
      </>
    ),
  },
  {
    title: "Clear error codes",
    icon: BoltIcon,
    body: (
      <>
        Machine-readable codes such as <Code>INSUFFICIENT_CREDITS</Code> or <Code>RATE_LIMIT</Code> in{" "}
        <Code>extensions.code</Code> make debugging simple.
      </>
    ),
  },
];

export function Features() {
  return (
    <section id="features" aria-labelledby="features-title" className="scroll-mt-16 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <SectionHeading id="features-title" eyebrow="Why Doitong" title="One API, endless possibilities" align="center">
          <p>Everything a production integration needs, built in rather than bolted on.</p>
        </SectionHeading>
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map(({ title, icon: Icon, body }) => (
            <li key={title} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
              <span className="inline-flex size-11 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100">
                <Icon className="size-6" />
              </span>
              <h3 className="mt-5 text-lg font-semibold text-slate-900">{title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{body}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
