import type { Role } from "@/lib/generated/prisma/client";
import { Sidebar } from "./sidebar";

/**
 * The signed-in frame: navigation on the left (a drawer on phones), the page on a soft grey canvas, and above it a
 * notice about the whole workspace when there is one (a suspension).
 */
export function DashboardShell({ email, role, notice, children }: { email: string; role: Role; notice?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50 md:flex">
      <Sidebar email={email} role={role} />
      <main className="min-w-0 flex-1">
        <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 md:py-10 lg:px-8">
          {notice}
          {children}
        </div>
      </main>
    </div>
  );
}
