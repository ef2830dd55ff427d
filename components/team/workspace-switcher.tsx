"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { WorkspacesDocument } from "@/components/graphql/generated";
import { switchWorkspace } from "./switch-workspace";

/** The workspace this session acts in, with the person's role there; a menu to switch when they have several. */
export function WorkspaceSwitcher() {
  const t = useTranslations("team");
  const [{ data }] = useQuery({ query: WorkspacesDocument });
  const [switching, setSwitching] = useState(false);
  const workspaces = data?.workspaces ?? [];
  const current = workspaces.find((w) => w.current);
  if (!current) return null;
  return (
    <div className="mb-4" data-testid="workspace-switcher">
      <label htmlFor="workspace" className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
        {t("switcher.label")}
      </label>
      {workspaces.length > 1 ? (
        <select
          id="workspace"
          value={current.id}
          disabled={switching}
          onChange={(e) => {
            setSwitching(true);
            void switchWorkspace(e.target.value);
          }}
          className="mt-1 block w-full rounded-lg border border-white/15 bg-slate-900 px-2 py-1.5 text-sm text-white"
        >
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {t("switcher.option", { name: w.name, role: t(`roles.${w.role}`) })}
            </option>
          ))}
        </select>
      ) : (
        <p className="mt-1 truncate text-sm text-white" title={current.name}>
          {current.name}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-400" data-testid="workspace-role">
        {t("switcher.yourRole", { role: t(`roles.${current.role}`) })}
      </p>
    </div>
  );
}
