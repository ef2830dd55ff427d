"use client";

import { useState } from "react";
import { switchWorkspace } from "@/components/team/switch-workspace";

/** Moves the session to another workspace (next-auth's session update, no API call, so it works while suspended). */
export function SwitchAway({ accountId, label }: { accountId: string; label: string }) {
  const [switching, setSwitching] = useState(false);
  return (
    <button
      type="button"
      disabled={switching}
      onClick={() => {
        setSwitching(true);
        void switchWorkspace(accountId);
      }}
      className="rounded-md border border-rose-300 bg-white px-3 py-1.5 font-semibold text-rose-900 hover:bg-rose-100 disabled:opacity-60"
    >
      {label}
    </button>
  );
}
