import { useTranslations } from "next-intl";
import { Skeleton } from "../ui/states";

export function DetailSkeleton() {
  const t = useTranslations("dashboard.history");
  return (
    <div aria-busy="true" aria-label={t("loadingOne")} className="space-y-6">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-4 w-80" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <Skeleton className="h-80 w-full rounded-xl" />
        <Skeleton className="h-80 w-full rounded-xl" />
      </div>
    </div>
  );
}
