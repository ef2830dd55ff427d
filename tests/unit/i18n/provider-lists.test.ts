import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/providers/catalog";
import type { GenerationType } from "@/lib/providers/types";
import { UNIFIED_OPTIONS } from "@/lib/providers/unified/vocabulary";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

// The catalog's features and limitations as the dashboard shows them (components/i18n/provider-copy.ts): the English
// copy is the API's own text, word for word, so a change in lib/providers/catalog fails here until the catalogs
// follow; the Russian has an entry for every line.
const options = (locale: "en" | "ru") => createTranslator({ locale, messages: locale === "en" ? en : ru, namespace: "optionCopy" });
const lists = (locale: "en" | "ru") => createTranslator({ locale, messages: locale === "en" ? en : ru, namespace: "providerLists" });

describe("provider features and limitations in the catalogs", () => {
  it.each(CATALOG.map((p) => [p.id, p] as const))("%s: English equals the API, Russian has every line", (_, p) => {
    const key = p.id.replaceAll(".", "_");
    for (const which of ["features", "limitations"] as const) {
      const items = p[which];
      expect(
        items.map((_, i) => lists("en")(`${key}.${which}.${i}` as never)),
        which,
      ).toEqual(items);
      const russian = items.map((_, i) => lists("ru")(`${key}.${which}.${i}` as never));
      expect(
        russian.every((line) => /[а-яё]/i.test(line) || /^[\w\s.,()+/:-]+$/.test(line)),
        which,
      ).toBe(true);
      expect(lists("ru").has(`${key}.${which}.${items.length}` as never)).toBe(false);
    }
  });

  it("a line with markup-like text reads as written (SSML's <speak>)", () => {
    expect(lists("ru")("google-tts.features.1" as never)).toBe("SSML (текст, начинающийся с <speak>)");
  });

  it("option descriptions: English equals the API for every unified and provider option, Russian has each", () => {
    const rows = [
      ...(Object.keys(UNIFIED_OPTIONS) as GenerationType[]).flatMap((type) => UNIFIED_OPTIONS[type].map((o) => ({ key: `unified.${type}.${o.name}`, text: o.description }))),
      ...CATALOG.flatMap((p) =>
        Object.entries(p.models).flatMap(([type, m]) => m.options.map((o) => ({ key: `${p.id.replaceAll(".", "_")}.${type}.${o.name}`, text: o.description }))),
      ),
    ];
    expect(rows.length).toBeGreaterThan(100);
    for (const { key, text } of rows) {
      expect(options("en")(key as never), key).toBe(text);
      expect(options("ru")(key as never), key).toMatch(/[а-яё]|^[\w\s.,=()+/:-]+$/i);
    }
  });
});
