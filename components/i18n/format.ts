import { useFormatter, useTranslations } from "next-intl";

type Translate = (key: string, values?: Record<string, string | number>) => string;
interface Formatter {
  number(value: number, options?: Intl.NumberFormatOptions): string;
  dateTime(value: Date, options?: Intl.DateTimeFormatOptions): string;
  relativeTime(value: Date, now?: Date): string;
}

/**
 * Numbers, credits, money, times and sizes in the reader's language: Intl does digits and separators ("1 000" vs
 * "1,000"), the catalog's ICU plurals do the words ("1 кредит", "2 кредита", "5 кредитов").
 */
export function formatters(t: Translate, format: Formatter) {
  const number = (n: number) => format.number(n);
  const dateTime = (iso: string | Date) => format.dateTime(new Date(iso), { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return {
    number,
    dateTime,
    /** A calendar day: "Mar 1, 2027" / "1 мар. 2027 г.". */
    date: (iso: string | Date) => format.dateTime(new Date(iso), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
    /** "1 credit", "from 5 credits", "2 кредита". */
    credits: (count: number, from = false) => t(from ? "creditsFrom" : "credits", { count }),
    /** A clock time today: "14:05:09" / "2:05:09 PM". */
    time: (iso: string) => format.dateTime(new Date(iso), { hour: "numeric", minute: "2-digit", second: "2-digit" }),
    /** Money is shown in the currency it is charged in (cents from the API). */
    money: (cents: number, currency = "USD") => format.number(cents / 100, { style: "currency", currency }),
    /** Typical wait: "~8 s", "~2.5 min". */
    duration: (seconds: number) => (seconds < 90 ? t("approxSeconds", { n: seconds }) : t("approxMinutes", { n: Math.round((seconds / 60) * 2) / 2 })),
    /** Plan limits: null means no limit at all. */
    limit: (value: number | null) => (value === null ? t("unlimited") : number(value)),
    /** "just now", then "5 minutes ago" / "5 минут назад", then the date. */
    relative: (iso: string, now = Date.now()) => {
      const seconds = (now - new Date(iso).getTime()) / 1000;
      if (seconds < 45) return t("justNow");
      if (seconds < 86_400) return format.relativeTime(new Date(iso), new Date(now));
      return dateTime(iso);
    },
    /** Seconds between two instants, as a person would say it. */
    elapsed: (fromIso: string, toIso: string) => {
      const s = (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000;
      if (s < 1) return t("underOneSecond");
      if (s < 90) return t("seconds", { n: format.number(s, { maximumFractionDigits: s < 10 ? 1 : 0 }) });
      return t("minutes", { n: format.number(s / 60, { maximumFractionDigits: 1 }) });
    },
    /** A media length: "4.2 s". */
    seconds: (s: number) => t("seconds", { n: format.number(s, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) }),
    /** A stopwatch: "0.8 s", "12 s", "1:05". */
    stopwatch: (ms: number) => {
      const s = Math.max(0, ms) / 1000;
      if (s < 60) return t("seconds", { n: format.number(s, { maximumFractionDigits: s < 10 ? 1 : 0, minimumFractionDigits: s < 10 ? 1 : 0 }) });
      return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
    },
    bytes: (n: number) => {
      if (n < 1024) return t("bytes", { n: number(n) });
      if (n < 1024 * 1024) return t("kilobytes", { n: format.number(n / 1024, { maximumFractionDigits: 1 }) });
      return t("megabytes", { n: format.number(n / 1024 / 1024, { maximumFractionDigits: 1 }) });
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;

/** In client components and non-async server components. */
export function useFormat(): Formatters {
  const t = useTranslations("format");
  const format = useFormatter();
  return formatters(t, format);
}
