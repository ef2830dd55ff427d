import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

// Russian counts take three forms (1 кредит, 2 кредита, 5 кредитов; 21 like 1, 11–14 like 5) wherever the pages
// count credits, attempts, outputs or providers.
const t = (locale: "en" | "ru") => createTranslator({ locale, messages: locale === "en" ? en : ru });
const counts = [1, 2, 5, 11, 21, 22];

describe("Russian plural forms", () => {
  it("credits on the billing page", () => {
    expect(counts.map((count) => t("ru")("billing.creditsUnit", { count }))).toEqual(["кредит", "кредита", "кредитов", "кредитов", "кредит", "кредита"]);
    expect([1, 2].map((count) => t("en")("billing.packs.creditsUnit", { count }))).toEqual(["credit", "credits"]);
  });

  it("webhook delivery attempts", () => {
    expect(counts.map((count) => t("ru")("webhooks.delivery.attempts", { count }))).toEqual(["1 попытка", "2 попытки", "5 попыток", "11 попыток", "21 попытка", "22 попытки"]);
  });

  it("outputs made of those asked, and what that charged", () => {
    const say = (asked: number) => t("ru")("warnings.PARTIAL_OUTPUTS", { made: 1, asked, charged: "2 кредита", released: "5 кредитов" });
    expect(say(4)).toBe("Готово 1 из 4 результатов: за них списано 2 кредита, возвращено 5 кредитов.");
    expect(say(21)).toContain("из 21 результата");
  });

  it("providers unavailable of all", () => {
    expect(t("ru")("playground.unavailableWhy", { count: 1, total: 22 })).toBe("1 из 22 провайдеров недоступен на этом сервере — почему?");
    expect(t("ru")("playground.unavailableWhy", { count: 3, total: 21 })).toBe("3 из 21 провайдера недоступны на этом сервере — почему?");
    expect(t("en")("playground.unavailableWhy", { count: 1, total: 22 })).toBe("1 of 22 providers is unavailable on this server — why?");
  });
});
