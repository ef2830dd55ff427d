import Link from "next/link";
import { buttonClass } from "../ui/card";

/** Another account's id and a mistyped id look the same on purpose: neither reveals that the other exists. */
export function GenerationNotFound({ id }: { id: string }) {
  return (
    <div data-testid="generation-not-found" className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">Not found</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This generation was not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        There is no generation <span className="font-mono break-all">{id}</span> in your account. Check the link, or find it in your history.
      </p>
      <Link href="/dashboard/history" className={`mt-6 ${buttonClass.primary}`}>
        Go to history
      </Link>
    </div>
  );
}
