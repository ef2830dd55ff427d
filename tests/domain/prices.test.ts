import { askApi, db, inlineSteps, money, newAccount } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { createGeneration } from "@/lib/generations/create-generation";
import { estimateGeneration } from "@/lib/generations/estimate-generation";
import { runGeneration } from "@/lib/generations/run-generation";
import { changePrice } from "@/lib/prices/change-price";
import { currentPriceBook, PRICE_BOOK_REFRESH_MS } from "@/lib/prices/price-book";
import { CATALOG, findProvider } from "@/lib/providers/catalog";
import { quote } from "@/lib/providers/pricing";
import type { GenerationType, Options } from "@/lib/providers/types";
import before from "@/tests/fixtures/prices/before-issue-21.json" with { type: "json" };
import firstList from "@/tests/fixtures/prices/first-price-list.json" with { type: "json" };

// Prices in the database (issue 21): the seed migration's first price list charges exactly what the code did, the
// history is append-only, and a change applies to what is accepted after it, never to what was accepted before.

/**
 * What the code charged before prices moved (captured from the old `price` functions at commit dc935c3): a spread
 * of 2,226 requests over every model — defaults, every allowed value of every option, numbers at min, default and
 * max, 60 random combinations each — with four prompts: "", one sentence, 300 words, 333 sentences.
 */
const TEXTS = ["", "A one-sentence prompt of ordinary length.", "word ".repeat(300).trim(), "Long script. ".repeat(333)];
const BEFORE = before as [string, GenerationType, Options, number, number][];

async function operator() {
  const email = `prices-${randomBytes(5).toString("hex")}@example.com`;
  const made = await (await db()).$transaction((tx) => createUserAccount(tx, { email, passwordHash: null }));
  return { userId: made.userId, email };
}

const IMAGE = { type: "IMAGE", provider: "local", input: { text: "A price tag" } };

let reader: Promise<string> | undefined;
/**
 * What the `providers` query shows a client as a provider's price (its default options), asked as a client asks it
 * and always with the same document: the instance keeps the catalog and its answers (lib/graphql/catalog-answers.ts),
 * which a price change must replace at once.
 */
async function listed(type: GenerationType, providerId = "local"): Promise<number | undefined> {
  const apiKey = await (reader ??= newAccount().then((a) => a.apiKey));
  const { body } = await askApi<{ providers: { id: string; pricing: { creditCost: number } }[] }>(
    apiKey,
    "query Prices($type: GenerationType!) { providers(type: $type) { id pricing { creditCost } } }",
    { type },
  );
  expect(body.errors).toBeUndefined();
  return body.data?.providers.find((p) => p.id === providerId)?.pricing.creditCost;
}

describe("the first price list (seed migration)", () => {
  it("charges every request of the spread exactly what the code charged before, default options included", async () => {
    const book = await currentPriceBook();
    const wrong = BEFORE.filter(([provider, type, options, text, credits]) => {
      const model = findProvider(provider)!.models[type]!;
      return quote(book, provider, type, model, options, TEXTS[text]).credits !== credits;
    });
    expect(BEFORE.length).toBeGreaterThan(2_000);
    expect(wrong).toEqual([]);
    // Every model of the catalog is in the spread at its defaults, so none was left out.
    const models = new Set(BEFORE.map(([p, t]) => `${p} ${t}`));
    for (const spec of CATALOG) for (const type of Object.keys(spec.models)) expect(models.has(`${spec.id} ${type}`), `${spec.id} ${type}`).toBe(true);
  });

  it("holds the numbers the code had, markup 1, version 1, for every model of the catalog", async () => {
    const rows = await (await db()).priceVersion.findMany({ where: { version: 1 } });
    const seeded: Record<string, Record<string, unknown>> = {};
    for (const r of rows) (seeded[r.providerId] ??= {})[r.type] = r.rates;
    expect(seeded).toEqual(firstList);
    expect(rows.every((r) => Number(r.markup) === 1 && r.createdBy === "seed")).toBe(true);
    expect(rows).toHaveLength(CATALOG.reduce((n, p) => n + Object.keys(p.models).length, 0));
  });
});

describe("price history", () => {
  it("is append-only: the database refuses to change or delete a version", async () => {
    const client = await db();
    const [first] = await client.priceVersion.findMany({ take: 1 });
    await expect(client.$executeRaw`UPDATE "PriceVersion" SET "markup" = 2 WHERE "id" = ${first.id}`).rejects.toThrow(/append-only/);
    await expect(client.$executeRaw`DELETE FROM "PriceVersion" WHERE "id" = ${first.id}`).rejects.toThrow(/append-only/);
    expect(Number((await client.priceVersion.findUniqueOrThrow({ where: { id: first.id } })).markup)).toBe(1);
  });
});

describe("changing a price", () => {
  it("applies to the next estimate and generation; one accepted before keeps its price and is charged it", async () => {
    const op = await operator();
    const { accountId, caller } = await newAccount({ credits: 1_000 });
    const old = await estimateGeneration(caller, IMAGE);
    const accepted = (await createGeneration(caller, IMAGE)).generation;
    expect(accepted.creditCost).toBe(old.creditCost);
    // Asked twice: the second answer comes from the instance's copy of the catalog, which the change must replace.
    expect(await listed("IMAGE")).toBe(old.creditCost);
    expect(await listed("IMAGE")).toBe(old.creditCost);

    const book = await currentPriceBook();
    const current = book.at("local", "IMAGE")!;
    const changed = await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 2 }, markup: 2.5, reason: "Preview renders got dearer" }, "203.0.113.9");
    expect(changed.version).toBe(current.version + 1);

    // 2 cents × 2.5 = 5 credits, at once on this instance: in estimates and in the catalog.
    expect((await estimateGeneration(caller, IMAGE)).creditCost).toBe(5);
    expect(await listed("IMAGE")).toBe(5);
    const after = (await createGeneration(caller, IMAGE)).generation;
    const rows = await (await db()).generation.findMany({ where: { id: { in: [accepted.id, after.id] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(accepted.id)).toMatchObject({ creditCost: old.creditCost, priceVersionId: current.id });
    expect(Number(byId.get(accepted.id)!.vendorCost)).toBe(current.rates.perImage);
    expect(byId.get(after.id)).toMatchObject({ creditCost: 5, priceVersionId: changed.id });
    expect(Number(byId.get(after.id)!.vendorCost)).toBe(2);

    // The generation accepted before is charged its own price when it completes.
    await runGeneration(accepted.id, inlineSteps);
    const done = await (await db()).generation.findUniqueOrThrow({ where: { id: accepted.id } });
    expect(done).toMatchObject({ status: "COMPLETED", creditCost: old.creditCost });
    expect(await money(accountId)).toMatchObject({ balance: 1_000 - old.creditCost - 5, reserved: 5 });

    const entries = await (await db()).auditLogEntry.findMany({ where: { action: "ops.price_changed", targetId: "local/IMAGE" }, orderBy: { createdAt: "desc" } });
    expect(entries[0]).toMatchObject({ reason: "Preview renders got dearer", accountId: null, ip: "203.0.113.9" });
    expect(entries[0].before).toMatchObject({ version: current.version, rates: current.rates });
    expect(entries[0].after).toMatchObject({ version: changed.version, rates: { perImage: 2 }, markup: 2.5 });

    // Put the list back for the other tests (a new version again: history only grows).
    await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 1 }, markup: 1, reason: "Back to the first price" });
    expect((await estimateGeneration(caller, IMAGE)).creditCost).toBe(1);
    expect(await listed("IMAGE")).toBe(1);
  });

  it("takes effect at a future effectiveFrom: until then the old list prices, the book already knows the new one", async () => {
    const op = await operator();
    const { caller } = await newAccount();
    const request = { type: "AVATAR", provider: "local", input: { text: "Hello" } };
    const was = (await estimateGeneration(caller, request)).creditCost;
    const at = new Date(Date.now() + 3_600_000);
    await changePrice(op, { providerId: "local", type: "AVATAR", rates: { perClip: 40 }, markup: 1, effectiveFrom: at, reason: "Next hour's price" });
    expect((await estimateGeneration(caller, request)).creditCost).toBe(was);
    const book = await currentPriceBook();
    expect(book.at("local", "AVATAR", at)!.rates).toEqual({ perClip: 40 });
    expect(book.at("local", "AVATAR")!.rates).toEqual({ perClip: 3 });
    expect(await listed("AVATAR")).toBe(was);
  });

  it("shows in the catalog from the moment a change scheduled ahead takes effect", async () => {
    const op = await operator();
    expect(await listed("IMAGE")).toBe(1);
    const at = new Date(Date.now() + 1_500);
    await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 3 }, markup: 1, effectiveFrom: at, reason: "In a moment" });
    expect(await listed("IMAGE")).toBe(1);
    // No message comes at `at`: the catalog's copy knows when the version it was priced with stops being in force.
    await expect.poll(() => listed("IMAGE"), { timeout: 5_000, interval: 100 }).toBe(3);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await changePrice(op, { providerId: "local", type: "IMAGE", rates: { perImage: 1 }, markup: 1, reason: "Back to the first price" });
    expect(await listed("IMAGE")).toBe(1);
  });

  it("refuses a change without a reason, with an unknown or negative rate, a markup of 0 or a start in the past", async () => {
    const op = await operator();
    const base = { providerId: "local", type: "VIDEO" as const, rates: { per5s: 2, "1080p.per5s": 3 }, markup: 1, reason: "why" };
    const field = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: { code?: string; details?: { field?: string } }) => `${e.code} ${e.details?.field}`,
      );
    expect(await field(changePrice(op, { ...base, reason: "  " }))).toBe("INVALID_INPUT reason");
    expect(await field(changePrice(op, { ...base, rates: { ...base.rates, perFrame: 1 } }))).toBe("INVALID_INPUT rates.perFrame");
    expect(await field(changePrice(op, { ...base, rates: { per5s: -1, "1080p.per5s": 3 } }))).toBe("INVALID_INPUT rates.per5s");
    expect(await field(changePrice(op, { ...base, rates: { per5s: 2 } }))).toBe("INVALID_INPUT rates.1080p.per5s");
    expect(await field(changePrice(op, { ...base, markup: 0 }))).toBe("INVALID_INPUT markup");
    expect(await field(changePrice(op, { ...base, effectiveFrom: new Date(Date.now() - 3_600_000) }))).toBe("INVALID_INPUT effectiveFrom");
    expect(await field(changePrice(op, { ...base, providerId: "nobody" }))).toBe("INVALID_INPUT providerId");
    expect((await (await db()).priceVersion.findMany({ where: { providerId: "local", type: "VIDEO" } })).length).toBe(1);
  });

  it("two operators saving one list at the same moment: each save becomes its own version or is refused as a conflict, never a 500", async () => {
    const op = await operator();
    const saves = await Promise.allSettled(
      [2, 3, 4, 5].map((perClip) => changePrice(op, { providerId: "local", type: "AUDIO", rates: { perClip }, markup: 1, reason: `Save ${perClip}` })),
    );
    const refused = saves.flatMap((s) =>
      s.status === "rejected" ? [`${(s.reason as { code?: string }).code} ${(s.reason as { details?: { field?: string } }).details?.field}`] : [],
    );
    expect(refused.every((r) => r === "INVALID_INPUT version")).toBe(true);
    const versions = saves.flatMap((s) => (s.status === "fulfilled" ? [s.value.version] : [])).sort();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(versions.map((_, i) => i + 2));
  });
});

describe("this instance's copy of the price book", () => {
  // A change whose invalidation message was lost is seen within PRICE_BOOK_REFRESH_MS. Past half that, the copy is
  // reloaded while it still answers, so requests under steady load never wait for the reload themselves.
  it("answers from the copy past half its life while a reload runs, and the next request has the reloaded one", async () => {
    const first = await currentPriceBook();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(first.loadedAt + PRICE_BOOK_REFRESH_MS * 0.6);
      expect(await currentPriceBook()).toBe(first);
      await vi.waitFor(async () => expect(await currentPriceBook()).not.toBe(first));
      expect((await currentPriceBook()).loadedAt).toBeGreaterThan(first.loadedAt);
    } finally {
      vi.useRealTimers();
    }
  });
});
