import type { Metadata } from "next";
import { Playground } from "@/components/playground/playground";

export const metadata: Metadata = { title: "Playground — Doitong" };

// GET /dashboard/playground: the page frame; everything interactive is the client component.
export default function PlaygroundPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <header className="mb-6">
        <p className="text-sm font-semibold text-indigo-600">Playground</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Try any model, see the price first</h1>
        <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">
          The same <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">estimate</code> and{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">generate</code> calls as the API, with
          your account&apos;s credits and limits. The form is built from each provider&apos;s option list.
        </p>
      </header>
      <Playground />
    </div>
  );
}
