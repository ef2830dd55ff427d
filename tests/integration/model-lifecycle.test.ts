import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// The model lifecycle as a client meets it over HTTP, on Google's lineups (a test key runs the vendor's fake):
// a retired model is refused naming its successor, a deprecated one runs with a notice, and `providers` lists
// each provider's models with their status.
let server: TestServer;
let apiKey: string;

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id status provider options appliedOptions warnings } }`;
const MODELS = `query($type: GenerationType!) { providers(type: $type) { id models { id vendorModelId status sunsetAt successor } } }`;
type Err = { message: string; extensions?: Record<string, unknown> };

beforeAll(async () => {
  server = await startServer({ DOITONG_SANDBOX_TASK_MS: "300", DOITONG_SANDBOX_TIME_SCALE: "0.01" });
  ({ apiKey } = await server.createAccount({ credits: 1000, keyMode: "test" }));
});
afterAll(() => server?.stop());

const generate = (input: Record<string, unknown>) =>
  server.gql<{ generate: { id: string; warnings: string[]; appliedOptions: Record<string, unknown> } }>(GENERATE, { input }, { apiKey });

describe("retired models", () => {
  it.each([
    ["IMAGE", "imagen", "imagen-4", "2026-08-17", "nano-banana-2.1"],
    ["IMAGE", "imagen", "imagen-4-ultra", "2026-08-17", "nano-banana-pro"],
    ["VIDEO", "veo", "veo-3", "2026-06-30", "veo-3.1"],
    ["VIDEO", "veo", "veo-3-fast", "2026-06-30", "veo-3.1-fast"],
  ])("%s %s model %s is refused with INVALID_INPUT on options.model, naming its end and successor", async (type, provider, model, sunset, successor) => {
    const res = await generate({ type, provider, input: { text: "a lighthouse" }, options: { model } });
    const error = res.body.errors?.[0] as Err;
    expect(res.body.data?.generate ?? null).toBeNull();
    expect(error.extensions).toMatchObject({ code: "INVALID_INPUT", field: "options.model" });
    expect(error.message).toContain(sunset);
    expect(error.message).toContain(`"${successor}"`);
  });

  it("the successor it names runs", async () => {
    const res = await generate({ type: "IMAGE", provider: "imagen", input: { text: "a lighthouse" }, options: { model: "nano-banana-2.1" } });
    expect(res.body.errors).toBeUndefined();
    expect((await waitForGeneration(server, apiKey, res.body.data!.generate.id)).status).toBe("COMPLETED");
  });
});

describe("deprecated models", () => {
  it("Nano Banana 2 runs as asked and completes, with a notice naming its successor", async () => {
    const res = await generate({ type: "IMAGE", provider: "imagen", input: { text: "a lighthouse" }, options: { model: "nano-banana-2", resolution: "512" } });
    expect(res.body.errors).toBeUndefined();
    const accepted = res.body.data!.generate;
    expect(accepted.appliedOptions).toMatchObject({ model: "nano-banana-2", resolution: "512" });
    expect(accepted.warnings).toEqual([expect.stringMatching(/nano-banana-2 \(gemini-3\.1-flash-image\) is deprecated.*"nano-banana-2\.1"/)]);
    const done = await waitForGeneration(server, apiKey, accepted.id);
    expect(done).toMatchObject({ status: "COMPLETED", metadata: expect.objectContaining({ mimeType: "image/png" }) });
  });

  it("a current model carries no notice", async () => {
    const res = await generate({ type: "VIDEO", provider: "veo", input: { text: "waves" }, options: { duration: 4 } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.generate).toMatchObject({ appliedOptions: expect.objectContaining({ model: "veo-3.1" }), warnings: [] });
  });
});

describe("providers { models }", () => {
  it("lists Google's lineups with vendor ids, status, sunset dates and successors", async () => {
    const res = await server.gql<{ providers: { id: string; models: Record<string, unknown>[] }[] }>(MODELS, { type: "IMAGE" }, { apiKey });
    const imagen = res.body.data!.providers.find((p) => p.id === "imagen")!;
    expect(imagen.models).toEqual(
      expect.arrayContaining([
        { id: "nano-banana-2.1", vendorModelId: "gemini-nano-banana-2.1", status: "GA", sunsetAt: null, successor: null },
        { id: "nano-banana-2", vendorModelId: "gemini-3.1-flash-image", status: "DEPRECATED", sunsetAt: null, successor: "nano-banana-2.1" },
        { id: "imagen-4", vendorModelId: "imagen-4.0-generate-001", status: "RETIRED", sunsetAt: "2026-08-17", successor: "nano-banana-2.1" },
      ]),
    );
    const video = await server.gql<{ providers: { id: string; models: Record<string, unknown>[] }[] }>(MODELS, { type: "VIDEO" }, { apiKey });
    const veo = video.body.data!.providers.find((p) => p.id === "veo")!;
    expect(veo.models.map((m) => [m.id, m.vendorModelId, m.status])).toEqual([
      ["veo-3.1", "veo-3.1-generate-001", "GA"],
      ["veo-3.1-fast", "veo-3.1-fast-generate-001", "GA"],
      ["veo-3.1-lite", "veo-3.1-lite-generate-001", "PREVIEW"],
      ["veo-3", "veo-3.0-generate-001", "RETIRED"],
      ["veo-3-fast", "veo-3.0-fast-generate-001", "RETIRED"],
    ]);
  });
});
