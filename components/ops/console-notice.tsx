import { getTranslations } from "next-intl/server";

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** Why a console action was refused, by the `reason` the verb gave (keys under ops.refusals). */
const REFUSALS = ["required", "too-long", "below-zero", "not-whole", "too-large", "already-refunded", "not-refundable", "already-suspended", "not-suspended", "already-revoked"];

/**
 * The outcome of the last console action, from the query string lib/ops/console-route.ts redirected with: a notice
 * (ops.notices.<key>) or a refusal worded from its code, field and reason — never the API's English message.
 */
export async function ConsoleNotice({ params }: { params: Params }) {
  const [t, api] = await Promise.all([getTranslations("ops"), getTranslations("apiErrors")]);
  const notice = one(params.notice);
  const error = one(params.error);
  if (notice && t.has(`notices.${notice}`)) {
    return (
      <div role="status" data-testid="ops-notice" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm font-medium text-emerald-900">
        {t(`notices.${notice}`)}
      </div>
    );
  }
  if (!error) return null;
  const reason = one(params.reason);
  const field = one(params.field);
  const text =
    reason && REFUSALS.includes(reason)
      ? t(`refusals.${reason}`)
      : error === "INVALID_INPUT" && field
        ? api("INVALID_INPUT_field", { field })
        : api.has(error)
          ? api(error)
          : api("INTERNAL");
  return (
    <div role="alert" data-testid="ops-error" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-2.5 text-sm font-medium text-rose-800">
      {text}
    </div>
  );
}
