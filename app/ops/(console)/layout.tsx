import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConsoleShell } from "@/components/ops/console-shell";
import { requireOperator } from "@/lib/ops/operators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ops.shell"))("metaTitle"), robots: { index: false } };
}
export const dynamic = "force-dynamic";

// Every console page: a signed-in operator, or a 404 for anyone else. Pages and actions check again themselves.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperator();
  return <ConsoleShell email={operator.email}>{children}</ConsoleShell>;
}
