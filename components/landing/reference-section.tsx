import { ErrorCodes } from "./error-codes";
import { PlanLimits } from "./plan-limits";

/** Limits and errors side by side on wide screens: both are reference tables a developer returns to. */
export function ReferenceSection() {
  return (
    <div className="border-t border-slate-200 bg-slate-50 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl space-y-20 px-4 sm:px-6">
        <PlanLimits />
        <ErrorCodes />
      </div>
    </div>
  );
}
