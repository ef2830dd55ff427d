import { useTranslations } from "next-intl";

/**
 * An event type as a person reads it: "generation.completed" → "Completed" / "Готово". Catalog keys cannot hold dots,
 * so the type is looked up with "_" for "."; a type the catalogs do not know (a test message) shows as sent.
 */
export function useEventLabel() {
  const t = useTranslations("webhooks.events");
  return {
    label: (type: string) => (t.has(`${type.replaceAll(".", "_")}.label`) ? t(`${type.replaceAll(".", "_")}.label`) : type),
    hint: (type: string) => (t.has(`${type.replaceAll(".", "_")}.hint`) ? t(`${type.replaceAll(".", "_")}.hint`) : ""),
  };
}
