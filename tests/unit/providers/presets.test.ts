import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { CATALOG } from "@/lib/providers/catalog";
import { listAvatars, listVoices } from "@/lib/providers/list-stock";
import type { GenerationType } from "@/lib/providers/types";
import { AVATAR_PRESETS, closeMatches, VOICE_PRESETS } from "@/lib/providers/unified/presets";

const withVoices = CATALOG.filter((p) => p.voices).flatMap((p) => (["AUDIO", "AVATAR"] as GenerationType[]).filter((t) => p.models[t]?.options.some((o) => o.name === "voice")).map((type) => ({ p, type })));
const withAvatars = CATALOG.filter((p) => p.avatars && p.models.AVATAR?.options.some((o) => o.name === "avatarId"));
const inputFor = (type: GenerationType) => ({ text: "Hello, I'm your AI assistant", ...(type === "AVATAR" ? { image: "https://example.com/face.png" } : {}) });

describe("portable voices", () => {
  it.each(withVoices.flatMap(({ p, type }) => Object.keys(VOICE_PRESETS).map((name) => [p.id, type, name] as const)))("%s %s: %s resolves to a stock voice", (id, type, name) => {
    const plan = planForProvider({ type, provider: id, input: { ...inputFor(type), voice: name } }, id);
    const ids = listVoices(id).map((v) => v.id);
    expect(ids).toContain(plan.appliedOptions.voice);
    expect(plan.options.voice).toBe(name);
  });

  it("a voice's own name is exact; a preset by likeness says what it chose; an unknown name lists close ones", () => {
    const local = { type: "AUDIO" as const, provider: "local", input: { text: "Hi" } };
    expect(planForProvider({ ...local, options: { voice: "rachel" } }, "local").warnings.join(" ")).not.toMatch(/closest/);
    const calm = planForProvider({ ...local, options: { voice: "calm_female" } }, "local");
    expect(calm.warnings.join(" ")).toMatch(/voice "calm_female" is Local preview's \w+ \(\w+\), its closest stock voice/);
    expect(listVoices("local").find((v) => v.id === calm.appliedOptions.voice)?.gender).toBe("female");
    expect(() => planForProvider({ ...local, input: { text: "Hi", voice: "rachle" } }, "local")).toThrow(
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
    const plan = planForProvider({ type: "AVATAR", provider: id, input: inputFor("AVATAR"), options: { avatarId: name } }, id);
    expect(listAvatars(id).map((a) => a.id)).toContain(plan.appliedOptions.avatarId);
  });

  it("the page's HeyGen options work on the local preview: kate, modern_office, friendly", () => {
    const plan = planForProvider({ type: "AVATAR", provider: "local", input: { text: "Hello, I'm your AI assistant", voice: "professional_female" }, options: { avatarId: "kate", background: "modern_office", gesture: "friendly" } }, "local");
    expect(plan.appliedOptions).toMatchObject({ avatarId: "kate", voice: "professional_female" });
    expect(plan.warnings.join(" ")).toMatch(/gesture is not supported/);
  });
});

describe("close matches", () => {
  it("suggests by small edit distance and prefix, closest first", () => {
    expect(closeMatches("profesional_female", ["professional_female", "professional_male", "narrator"])).toEqual(["professional_female", "professional_male"]);
    expect(closeMatches("zzz", ["rachel"])).toEqual([]);
  });
});
