import { askApi, db, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { createGeneration } from "@/lib/generations/create-generation";
import { planGeneration } from "@/lib/generations/plan-generation";
import { currentProviderListings } from "@/lib/providers/current-listings";
import { forceCircuit, setProviderSwitch } from "@/lib/providers/switches/set-provider-switch";
import { announcedSwitchCache, SwitchCache, switchChanges } from "@/lib/providers/switches/switch-cache";
import { healthKey, recordOutcome } from "@/lib/routing/health-store";
import { providerOverview } from "@/lib/routing/provider-overview";

// The operators' provider switches (issue 21): what a client notices when a provider or model is switched off,
// test-only, or its circuit is held — through the same verbs generate, estimate and the catalog use.
const IMAGE = { type: "IMAGE", input: { text: "A lighthouse at dusk" } };
const operator = { userId: "usr_ops_domain", email: "ops@example.com" };
const scope = (accountId: string, mode: "LIVE" | "TEST" = "TEST") => ({ mode, accountId });

/** The provider automatic routing picks for an image with a test key, and the account it was asked for. */
async function topImageProvider() {
  const { accountId } = await newAccount({ keyMode: "TEST" });
  return { accountId, chosen: (await planGeneration(IMAGE, scope(accountId))).provider.id };
}

describe("a provider switched off", () => {
  it("is skipped by automatic routing, refused by name with the operator's message, and shown unavailable in the catalog", async () => {
    const { accountId, chosen } = await topImageProvider();
    // The catalog as served (the instance's copy, which the switch must replace at once).
    const listing = async () => (await currentProviderListings("IMAGE", "TEST")).find((p) => p.id === chosen);
    expect((await listing())?.available).toBe(true);
    await setProviderSwitch(operator, { provider: chosen, state: "DISABLED", publicMessage: "Vendor maintenance until 14:00 UTC", reason: "vendor incident #42" });

    const plan = await planGeneration(IMAGE, scope(accountId));
    expect(plan.provider.id).not.toBe(chosen);
    expect(plan.routing.candidates.find((c) => c.provider === chosen)).toMatchObject({ score: null, reason: expect.stringContaining("Vendor maintenance") });

    const named = planGeneration({ ...IMAGE, provider: chosen }, scope(accountId));
    await expect(named).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("Vendor maintenance until 14:00 UTC"),
      details: { provider: chosen, switch: "DISABLED", operatorMessage: "Vendor maintenance until 14:00 UTC" },
    });
    expect(await listing()).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining("maintenance"),
    });

    await setProviderSwitch(operator, { provider: chosen, state: "ENABLED", reason: "vendor recovered" });
    const audit = await (await db()).auditLogEntry.findMany({ where: { action: "ops.provider_switched", targetId: chosen }, orderBy: { sequence: "asc" } });
    expect(audit.slice(-2)).toMatchObject([
      {
        accountId: null,
        actorLabel: operator.email,
        targetType: "provider",
        reason: "vendor incident #42",
        before: { state: "ENABLED" },
        after: { state: "DISABLED", publicMessage: "Vendor maintenance until 14:00 UTC" },
      },
      { reason: "vendor recovered", before: { state: "DISABLED" }, after: { state: "ENABLED", publicMessage: null } },
    ]);
    expect((await planGeneration(IMAGE, scope(accountId))).provider.id).toBe(chosen);
    expect((await listing())?.available).toBe(true);
  });

  it("lets generations already accepted keep their provider, and refuses new ones that name it", async () => {
    const { caller } = await newAccount({ keyMode: "TEST" });
    const { generation } = await createGeneration(caller, { ...IMAGE, provider: "flux-pro" });
    await setProviderSwitch(operator, { provider: "flux-pro", state: "DISABLED", reason: "cost spike" });
    try {
      await expect(createGeneration(caller, { ...IMAGE, provider: "flux-pro" })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: { operatorMessage: null } });
      const kept = await (await db()).generation.findUniqueOrThrow({ where: { id: generation.id } });
      expect(kept).toMatchObject({ provider: "flux-pro", status: "QUEUED" });
    } finally {
      await setProviderSwitch(operator, { provider: "flux-pro", state: "ENABLED", reason: "done" });
    }
  });

  it("needs a reason, a known provider and a known model, and changes nothing otherwise", async () => {
    await expect(setProviderSwitch(operator, { provider: "kling", state: "DISABLED", reason: "  " })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "reason" },
    });
    await expect(setProviderSwitch(operator, { provider: "nope", state: "DISABLED", reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setProviderSwitch(operator, { provider: "kling", model: "9.9", state: "DISABLED", reason: "x" })).rejects.toMatchObject({ details: { field: "model" } });
    expect(await (await db()).providerSwitch.count({ where: { provider: { in: ["kling", "nope"] } } })).toBe(0);
  });
});

describe("a model switched off", () => {
  it("refuses that model by name and leaves the provider's other models running", async () => {
    const { accountId } = await newAccount({ keyMode: "TEST" });
    const video = (version: string) => ({ type: "VIDEO", provider: "kling", input: { text: "A calm lake" }, options: { version } });
    await setProviderSwitch(operator, { provider: "kling", model: "2.6", state: "DISABLED", publicMessage: "2.6 is paused", reason: "bad outputs" });
    try {
      await expect(planGeneration(video("2.6"), scope(accountId))).rejects.toMatchObject({
        code: "PROVIDER_UNAVAILABLE",
        details: { provider: "kling", model: "2.6", operatorMessage: "2.6 is paused" },
      });
      expect((await planGeneration(video("3.0"), scope(accountId))).appliedOptions.version).toBe("3.0");
    } finally {
      await setProviderSwitch(operator, { provider: "kling", model: "2.6", state: "ENABLED", reason: "fixed" });
    }
  });
});

describe("a test-only provider", () => {
  it("is refused to live keys and open to test keys", async () => {
    // `local` is the one image provider a live key reaches here without vendor credentials.
    const live = await newAccount();
    const test = await newAccount({ keyMode: "TEST" });
    await setProviderSwitch(operator, { provider: "local", state: "TEST_ONLY", publicMessage: "Preview only for testing", reason: "trial" });
    try {
      await expect(planGeneration({ ...IMAGE, provider: "local" }, scope(live.accountId, "LIVE"))).rejects.toMatchObject({
        code: "PROVIDER_UNAVAILABLE",
        details: { switch: "TEST_ONLY", operatorMessage: "Preview only for testing" },
      });
      await expect(planGeneration(IMAGE, scope(live.accountId, "LIVE"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
      expect((await planGeneration({ ...IMAGE, provider: "local" }, scope(test.accountId))).provider.id).toBe("local");
    } finally {
      await setProviderSwitch(operator, { provider: "local", state: "ENABLED", reason: "trial over" });
    }
  });
});

describe("a forced circuit", () => {
  it("held open: routing skips the provider and naming it is refused; held closed: a tripped circuit takes traffic", async () => {
    const { accountId, chosen } = await topImageProvider();
    await forceCircuit(operator, { provider: chosen, circuit: "FORCED_OPEN", reason: "vendor returns garbage" });
    const plan = await planGeneration(IMAGE, scope(accountId));
    expect(plan.provider.id).not.toBe(chosen);
    expect(plan.routing.candidates.find((c) => c.provider === chosen)?.reason).toContain("held open by the operators");
    await expect(planGeneration({ ...IMAGE, provider: chosen }, scope(accountId))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: { circuit: "forced_open" } });

    // Five vendor faults in a row trip this account's test circuit; holding it closed overrides that.
    await forceCircuit(operator, { provider: chosen, circuit: "AUTO", reason: "let it decide" });
    for (let i = 0; i < 5; i++) await recordOutcome(healthKey(chosen, scope(accountId)), false);
    expect((await planGeneration(IMAGE, scope(accountId))).provider.id).not.toBe(chosen);
    await forceCircuit(operator, { provider: chosen, circuit: "FORCED_CLOSED", reason: "the faults were ours" });
    expect((await planGeneration(IMAGE, scope(accountId))).provider.id).toBe(chosen);
    await forceCircuit(operator, { provider: chosen, circuit: "AUTO", reason: "back to normal" });
  });
});

/** One provider's entry in the `providers(type: IMAGE)` query as a client sends it with `apiKey`, asking for `fields`. */
async function catalogEntry(apiKey: string, fields: string, provider: string) {
  const { body } = await askApi<{ providers: { id: string }[] }>(apiKey, `{ providers(type: IMAGE) { id ${fields} } }`);
  expect(body.errors).toBeUndefined();
  return body.data?.providers.find((p) => p.id === provider);
}

describe("the public catalog's health", () => {
  /** With `health`, for a test key of a fresh account. */
  async function healthEntry(provider: string) {
    const { apiKey } = await newAccount({ keyMode: "TEST" });
    return catalogEntry(apiKey, "available unavailableReason health { status circuit circuitHeld retryAt }", provider);
  }

  it("never calls a provider healthy while an operator has switched it off or holds its circuit open", async () => {
    expect(await healthEntry("stable-diffusion")).toMatchObject({ available: true, health: { status: "operational", circuit: "closed", circuitHeld: false } });
    await setProviderSwitch(operator, { provider: "stable-diffusion", state: "DISABLED", publicMessage: "Back tomorrow", reason: "health check" });
    try {
      expect(await healthEntry("stable-diffusion")).toMatchObject({
        available: false,
        unavailableReason: expect.stringContaining("Back tomorrow"),
        health: { status: "switched_off" },
      });
      await setProviderSwitch(operator, { provider: "stable-diffusion", state: "ENABLED", reason: "health check" });
      await forceCircuit(operator, { provider: "stable-diffusion", circuit: "FORCED_OPEN", reason: "health check" });
      expect(await healthEntry("stable-diffusion")).toMatchObject({ health: { status: "paused", circuit: "open", circuitHeld: true, retryAt: null } });
    } finally {
      await setProviderSwitch(operator, { provider: "stable-diffusion", state: "ENABLED", reason: "done" });
      await forceCircuit(operator, { provider: "stable-diffusion", circuit: "AUTO", reason: "done" });
    }
    expect(await healthEntry("stable-diffusion")).toMatchObject({ health: { status: "operational", circuitHeld: false } });
  });
});

describe("the public catalog's answers", () => {
  // Without `health`, an answer is kept by the instance (lib/graphql/catalog-answers.ts): a switch replaces it at once.
  it("shows a provider switched off, and on again, on the very next `providers` query", async () => {
    const { apiKey } = await newAccount({ keyMode: "TEST" });
    const entry = () => catalogEntry(apiKey, "available unavailableReason", "stable-diffusion");
    expect(await entry()).toMatchObject({ available: true, unavailableReason: null });
    expect(await entry()).toMatchObject({ available: true });
    await setProviderSwitch(operator, { provider: "stable-diffusion", state: "DISABLED", publicMessage: "Repainting", reason: "catalog answers" });
    try {
      expect(await entry()).toMatchObject({ available: false, unavailableReason: expect.stringContaining("Repainting") });
    } finally {
      await setProviderSwitch(operator, { provider: "stable-diffusion", state: "ENABLED", reason: "done" });
    }
    expect(await entry()).toMatchObject({ available: true, unavailableReason: null });
  });
});

describe("every instance", () => {
  it("applies a switch made on another instance within its refresh interval, with no read per routing decision", async () => {
    let reads = 0;
    const other = new SwitchCache(
      async () => {
        reads++;
        return (await db()).providerSwitch.findMany();
      },
      () => 100,
    );
    await other.start();
    try {
      expect(other.now().get("luma")).toBeUndefined();
      await setProviderSwitch(operator, { provider: "luma", state: "DISABLED", reason: "cross-instance check" });
      await expect.poll(() => other.now().refusal("luma", "TEST")?.state, { timeout: 2_000, interval: 50 }).toBe("DISABLED");
      const before = reads;
      for (let i = 0; i < 1_000; i++) other.now().refusal("luma", "LIVE");
      expect(reads - before).toBeLessThanOrEqual(1);
    } finally {
      other.stop();
      await setProviderSwitch(operator, { provider: "luma", state: "ENABLED", reason: "done" });
    }
  });
});

describe("an instance that hears the invalidation channel", () => {
  it("reads the table when a switch changes and not in between, however long its poll interval", async () => {
    let reads = 0;
    // A poll interval far beyond the test: only the channel's message can bring the change.
    const other = announcedSwitchCache(
      "another-instance",
      async () => {
        reads++;
        return (await db()).providerSwitch.findMany();
      },
      () => 3_600_000,
    );
    await other.start();
    try {
      // Connected (PostgreSQL's LISTEN on the postgres project), and the read its connection asks for done.
      await expect.poll(() => switchChanges.live(), { timeout: 5_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      const idle = reads;
      await new Promise((r) => setTimeout(r, 600));
      expect(reads).toBe(idle);
      await setProviderSwitch(operator, { provider: "hedra", state: "DISABLED", reason: "announced" });
      await expect.poll(() => other.now().refusal("hedra", "TEST")?.state, { timeout: 2_000, interval: 50 }).toBe("DISABLED");
    } finally {
      other.stop();
      await setProviderSwitch(operator, { provider: "hedra", state: "ENABLED", reason: "done" });
    }
    await expect.poll(() => other.now().get("hedra")?.state, { timeout: 2_000, interval: 50 }).toBe("ENABLED");
  });
});

describe("the console's overview", () => {
  it("lists every provider with its switch, models, circuit and error rate", async () => {
    await setProviderSwitch(operator, { provider: "runway", state: "TEST_ONLY", reason: "overview" });
    try {
      const rows = await providerOverview();
      const runway = rows.find((r) => r.id === "runway");
      expect(runway).toMatchObject({ switch: { state: "TEST_ONLY", reason: "overview", updatedBy: "ops@example.com" }, circuit: "closed", circuitForced: false });
      expect(rows.find((r) => r.id === "kling")?.models.map((m) => m.id)).toContain("3.0");
      expect(rows.find((r) => r.id === "local")?.configured).toBe(true);
    } finally {
      await setProviderSwitch(operator, { provider: "runway", state: "ENABLED", reason: "done" });
    }
  });
});
