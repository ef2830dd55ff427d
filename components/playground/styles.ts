// Shared class lists, so every control in the playground looks the same.
export const INPUT =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none";
export const INPUT_INVALID = "border-rose-400 ring-2 ring-rose-500/15";
export const CARD = "rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6";
