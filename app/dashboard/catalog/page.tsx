import type { Metadata } from "next";
import { Catalog } from "@/components/catalog/catalog";

export const metadata: Metadata = { title: "Catalog — Doitong" };

// GET /dashboard/catalog: the frame; the providers come live from the `providers` query.
export default function CatalogPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <header className="mb-2">
        <p className="text-sm font-semibold text-indigo-600">Catalog</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Every model, its price and its options</h1>
        <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">
          Prices are in credits with default options; the exact cost of a request is what{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">estimate</code> returns. Pass any option below in{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">generate(input: {"{"} options {"}"})</code>.
        </p>
      </header>
      <Catalog />
    </div>
  );
}
