import { getFormatter, getTranslations } from "next-intl/server";
import { type Formatters, formatters } from "./format";

/** useFormat() for async server components (hooks cannot run there). */
export async function getFormat(): Promise<Formatters> {
  const [t, format] = await Promise.all([getTranslations("format"), getFormatter()]);
  return formatters(t, format);
}
