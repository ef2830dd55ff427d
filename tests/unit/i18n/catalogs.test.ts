import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { negotiateLocale, requestLocale } from "@/lib/i18n/locales";
import { ERROR_CODES } from "@/lib/errors";
import { CATALOG } from "@/lib/providers/catalog";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

const tr = (locale: "en" | "ru") => createTranslator({ locale, messages: locale === "en" ? en : ru, namespace: "format" });

describe("message catalogs", () => {
  it("say credits with Russian plural endings", () => {
    const t = tr("ru");
    expect([1, 2, 5, 11, 21, 22, 25, 1000].map((count) => t("credits", { count }))).toEqual([
      "1 кредит",
      "2 кредита",
      "5 кредитов",
      "11 кредитов",
      "21 кредит",
      "22 кредита",
      "25 кредитов",
      `${(1000).toLocaleString("ru")} кредитов`, // "1 000", with the no-break space Russian groups digits by
    ]);
    expect([1, 5].map((count) => t("creditsFrom", { count }))).toEqual(["от 1 кредита", "от 5 кредитов"]);
  });

  it("say credits in English", () => {
    const t = tr("en");
    expect([1, 2, 5].map((count) => t("credits", { count }))).toEqual(["1 credit", "2 credits", "5 credits"]);
  });

  it("keep the English error table identical to lib/errors, and word every code in both languages", () => {
    for (const [code, e] of Object.entries(ERROR_CODES)) {
      expect(en.errorTable[code as keyof typeof en.errorTable], code).toEqual({ description: e.description, action: e.action.replace("<api key>", "'<api key>'") });
      expect(ru.errorTable[code as keyof typeof ru.errorTable]?.description, code).toBeTruthy();
      expect(ru.apiErrors[code as keyof typeof ru.apiErrors], code).toBeTruthy();
    }
  });

  it("describe every provider of the catalog in both languages", () => {
    for (const p of CATALOG) {
      const key = p.id.replaceAll(".", "_") as keyof typeof en.providerCopy;
      expect(en.providerCopy[key], p.id).toBe(p.description);
      expect(ru.providerCopy[key], p.id).toBeTruthy();
    }
  });
});

describe("choosing the locale", () => {
  it("follows Accept-Language by weight, with English for anything else", () => {
    expect(negotiateLocale("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(negotiateLocale("en-US,en;q=0.9,ru;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,ru;q=0.5")).toBe("ru");
    expect(negotiateLocale("fr, ru;q=0")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("lets the switcher's cookie win over the browser", () => {
    expect(requestLocale("ru", "en-US")).toBe("ru");
    expect(requestLocale("xx", "ru")).toBe("ru");
    expect(requestLocale(undefined, "en")).toBe("en");
  });
});
