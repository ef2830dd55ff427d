import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES } from "@/tests/helpers/first-prices";
import { CATALOG, findProvider } from "@/lib/providers/catalog";
import { listAvatars, listVoices } from "@/lib/providers/list-stock";
import type { GenerationType } from "@/lib/providers/types";
import { AVATAR_PRESETS, closeMatches, VOICE_PRESETS } from "@/lib/providers/unified/presets";

const withVoices = CATALOG.filter((p) => p.voices).flatMap((p) =>
  (["AUDIO", "AVATAR"] as GenerationType[]).filter((t) => p.models[t]?.options.some((o) => o.name === "voice")).map((type) => ({ p, type })),
);
const withAvatars = CATALOG.filter((p) => p.avatars && p.models.AVATAR?.options.some((o) => o.name === "avatarId"));
const inputFor = (type: GenerationType) => ({ text: "Hello, I'm your AI assistant", ...(type === "AVATAR" ? { image: "https://example.com/face.png" } : {}) });

describe("portable voices", () => {
  it.each(withVoices.flatMap(({ p, type }) => Object.keys(VOICE_PRESETS).map((name) => [p.id, type, name] as const)))("%s %s: %s resolves to a stock voice", (id, type, name) => {
    const plan = planForProvider({ type, provider: id, input: { ...inputFor(type), voice: name } }, id, FIRST_PRICES);
    const ids = listVoices(id).map((v) => v.id);
    expect(ids).toContain(plan.appliedOptions.voice);
    expect(plan.options.voice).toBe(name);
  });

  it("a voice's own name is exact; a preset by likeness says what it chose; an unknown name lists close ones", () => {
    const local = { type: "AUDIO" as const, provider: "local", input: { text: "Hi" } };
    expect(planForProvider({ ...local, options: { voice: "rachel" } }, "local", FIRST_PRICES).warnings.join(" ")).not.toMatch(/closest/);
    const calm = planForProvider({ ...local, options: { voice: "calm_female" } }, "local", FIRST_PRICES);
    expect(calm.warnings.join(" ")).toMatch(/voice "calm_female" is Local preview's \w+ \(\w+\), its closest stock voice/);
    expect(listVoices("local").find((v) => v.id === calm.appliedOptions.voice)?.gender).toBe("female");
    expect(() => planForProvider({ ...local, input: { text: "Hi", voice: "rachle" } }, "local", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "input.voice" }), message: expect.stringContaining('Did you mean "rachel"') }),
    );
  });

  it("voices(provider, language) filters by language and names the presets that pick each voice", () => {
    const russian = listVoices("local", "ru");
    expect(russian.map((v) => v.id)).toEqual(["ru"]);
    expect(listVoices("local").find((v) => v.id === "rachel")?.presets).toContain("rachel");
  });
});

describe("portable avatars and backgrounds", () => {
  it.each(withAvatars.flatMap((p) => Object.keys(AVATAR_PRESETS).map((name) => [p.id, name] as const)))("%s: %s resolves to a stock avatar", (id, name) => {
    const plan = planForProvider({ type: "AVATAR", provider: id, input: inputFor("AVATAR"), options: { avatarId: name } }, id, FIRST_PRICES);
    expect(listAvatars(id).map((a) => a.id)).toContain(plan.appliedOptions.avatarId);
  });

  it("the page's HeyGen options work on the local preview: kate, modern_office, friendly", () => {
    const plan = planForProvider(
      {
        type: "AVATAR",
        provider: "local",
        input: { text: "Hello, I'm your AI assistant", voice: "professional_female" },
        options: { avatarId: "kate", background: "modern_office", gesture: "friendly" },
      },
      "local",
      FIRST_PRICES,
    );
    expect(plan.appliedOptions).toMatchObject({ avatarId: "kate", voice: "professional_female" });
    expect(plan.warnings.join(" ")).toMatch(/gesture is not supported/);
  });
});

describe("the product page's names work on every provider of their type", () => {
  const ofType = (type: GenerationType) => CATALOG.filter((p) => p.models[type]);

  it.each(ofType("AUDIO").map((p) => [p.id] as const))("AUDIO %s: rachel excited, professional_male, narrator, calm", (id) => {
    for (const voice of ["rachel", "professional_female", "professional_male", "narrator", "calm"]) {
      const plan = planForProvider({ type: "AUDIO", provider: id, input: { text: "Welcome to the future of AI" }, options: { voice, emotion: "excited" } }, id, FIRST_PRICES);
      expect(plan.options.voice).toBe(voice);
      expect(listVoices(id).map((v) => v.id)).toContain(plan.appliedOptions.voice);
    }
  });

  it.each(ofType("AVATAR").map((p) => [p.id] as const))("AVATAR %s: the page's HeyGen request (kate, professional_female, modern_office, friendly)", (id) => {
    const plan = planForProvider(
      {
        type: "AVATAR",
        provider: id,
        input: { text: "Hello, I'm your AI assistant", voice: "professional_female", image: "https://example.com/face.png" },
        options: { avatarId: "kate", background: "modern_office", gesture: "friendly" },
      },
      id,
      FIRST_PRICES,
    );
    expect(plan.options).toMatchObject({ avatarId: "kate", voice: "professional_female", gesture: "friendly" });
    expect(listVoices(id).map((v) => v.id)).toContain(plan.appliedOptions.voice);
    // Where the vendor has stock avatars kate is one of them; elsewhere (Hedra animates input.image) it is said so.
    if (findProvider(id)?.avatars && findProvider(id)?.models.AVATAR?.options.some((o) => o.name === "avatarId"))
      expect(listAvatars(id).map((a) => a.id)).toContain(plan.appliedOptions.avatarId);
    else expect(plan.warnings.join(" ")).toMatch(/avatarId is not supported/);
  });

  it("the vendors' own stock ids: ElevenLabs Rachel, Google en-US-Neural2-F and ru-RU-Wavenet voices, HeyGen Daisy", () => {
    expect(listVoices("elevenlabs").find((v) => v.name === "Rachel")?.id).toBe("21m00Tcm4TlvDq8ikWAM");
    expect(listVoices("elevenlabs").find((v) => v.id === "21m00Tcm4TlvDq8ikWAM")?.presets).toContain("rachel");
    expect(listVoices("google-tts", "ru").map((v) => v.id)).toEqual(expect.arrayContaining(["ru-RU-Wavenet-A", "ru-RU-Wavenet-B"]));
    expect(listVoices("google-tts").find((v) => v.id === "en-US-Neural2-F")?.gender).toBe("female");
    expect(listAvatars("heygen").find((a) => a.id === "Daisy-inskirt-20220818")?.presets).toContain("kate");
    // A Russian request picks a Russian voice, on Google by language alone.
    const ru = planForProvider({ type: "AUDIO", provider: "google-tts", input: { text: "Привет" }, options: { language: "ru" } }, "google-tts", FIRST_PRICES);
    expect(String(ru.appliedOptions.voice)).toMatch(/^ru-RU-/);
  });
});

describe("close matches", () => {
  it("suggests by small edit distance and prefix, closest first", () => {
    expect(closeMatches("profesional_female", ["professional_female", "professional_male", "narrator"])).toEqual(["professional_female", "professional_male"]);
    expect(closeMatches("zzz", ["rachel"])).toEqual([]);
  });
});
