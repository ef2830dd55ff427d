import { ApolloClient, ApolloError, gql, InMemoryCache, setLogVerbosity } from "@apollo/client/core";
import { describe, expect, it } from "vitest";
import { AUTO_SELECT_VIDEO, CANCEL_GENERATION, GENERATE, GET_GENERATION, GET_PROVIDERS, VENDOR_EXAMPLES } from "./samples/graphql-block";
import { downloadMp4, expectUnavailable, type GenerationView, once, useSamplesServer, waitUntilFinal } from "./samples/harness";

/*
 * The product page's GraphQL samples, verbatim against a local server (see samples/harness.ts): the Apollo Client
 * sample, and the GraphQL block's documents (samples/graphql-block.ts) with each of its Variables examples.
 */

const env = useSamplesServer("apollo", "graphql");

const graphql = <T>(query: string, variables: Record<string, unknown>) => env.server.gql<T>(query, variables, { apiKey: env.keys.graphql });

/** The auto-select example, generated and waited for; the GetGeneration test reads the finished video. */
const tokyoVideo = once(async () => {
  const res = await graphql<{ generate: GenerationView }>(GENERATE, AUTO_SELECT_VIDEO);
  expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
  const accepted = res.body.data!.generate;
  return { accepted, done: await waitUntilFinal(env.server, env.keys.graphql, accepted.id) };
});

// ---------------------------------------------------------------------------------------------------------------
// Concurrent: the samples are independent, and rendering (2 videos at a time) is the long pole. Tests that start
// renders come first, so every video is queued at once (vitest runs 5 concurrent tests at a time).

describe.concurrent("product page samples: Apollo Client and the GraphQL block", () => {
  it("Apollo Client: videoCreate with luma is unavailable; with local or no model it makes a 9 s video", { timeout: 90_000 }, async () => {
    const CREATE_VIDEO = gql`
      mutation CreateVideo($input: VideoCreateInput!) {
        videoCreate(input: $input) {
          id
          status
          videoUrl
        }
      }
    `;

    // Apollo Client 3.14 warns that the page's `uri`/`headers` (and the missing `link`) go away in 4.0; they work
    // in 3.x, which the page targets, so the warnings are only noise here. Errors still print.
    setLogVerbosity("error");
    const client = new ApolloClient({
      uri: `${env.server.url}/graphql`,
      headers: {
        authorization: `Bearer ${env.keys.apollo}`,
      },
      // Not on the page: Apollo Client 3 refuses to construct without a cache.
      cache: new InMemoryCache(),
    });

    const error = await client
      .mutate({
        mutation: CREATE_VIDEO,
        variables: {
          input: {
            prompt: "Beautiful sunset over ocean",
            model: "luma",
            duration: 9,
          },
        },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApolloError);
    const [first] = (error as ApolloError).graphQLErrors;
    expect(first.extensions?.code).toBe("PROVIDER_UNAVAILABLE");
    expect(first.message).toContain("LUMAAI_API_KEY");

    type Created = { videoCreate: { id: string; status: string; videoUrl: string | null } };
    const create = (input: Record<string, unknown>) => client.mutate<Created>({ mutation: CREATE_VIDEO, variables: { input } });
    const results = await Promise.all([
      create({ prompt: "Beautiful sunset over ocean", model: "local", duration: 9 }),
      create({ prompt: "Beautiful sunset over ocean", duration: 9 }),
    ]);
    for (const { data, errors } of results) {
      expect(errors).toBeUndefined();
      expect(data!.videoCreate).toMatchObject({ status: "QUEUED", videoUrl: null });
      expect(data!.videoCreate.id).toMatch(/\S/);
    }

    await Promise.all(
      results.map(async ({ data }) => {
        const done = await waitUntilFinal(env.server, env.keys.apollo, data!.videoCreate.id);
        expect(done.status, JSON.stringify(done)).toBe("COMPLETED");
        const probe = await downloadMp4(done.url!);
        expect(Math.abs(probe.duration - 9)).toBeLessThan(0.15);
      }),
    );
  });

  it("GraphQL Generate: auto-select video (10 s, 1080p, cinematic) runs on local and completes", { timeout: 90_000 }, async () => {
    const { accepted, done } = await tokyoVideo();
    // Bare `metadata` and `error` are accepted (expanded by the server); nothing is known yet at QUEUED.
    expect(accepted).toMatchObject({ type: "VIDEO", provider: "local", status: "QUEUED", url: null, progress: 0, error: null, errorCode: null });
    expect(accepted.creditCost).toBeGreaterThan(0);
    expect(done.status, JSON.stringify(done)).toBe("COMPLETED");
  });

  it.each(VENDOR_EXAMPLES)("GraphQL Generate: %s → PROVIDER_UNAVAILABLE naming %s", async (_, envVar, variables) => {
    const res = await graphql(GENERATE, variables);
    expect(res.body.data ?? null).toBeNull();
    expectUnavailable(res.body.errors?.[0], envVar);
  });

  it("GraphQL GetGeneration: the finished auto-select video is 1920x1080, 10 s, mp4", { timeout: 90_000 }, async () => {
    const { accepted } = await tokyoVideo();
    const res = await graphql<{ generation: GenerationView }>(GET_GENERATION, { id: accepted.id });
    expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
    const g = res.body.data!.generation;
    expect(g).toMatchObject({ id: accepted.id, status: "COMPLETED", type: "VIDEO", provider: "local", progress: 100, error: null, errorCode: null });
    expect(g.metadata).toMatchObject({ width: 1920, height: 1080, format: "mp4" });
    expect(Math.abs(Number(g.metadata!.duration) - 10)).toBeLessThan(0.15);
    expect(g.creditCost).toBe(accepted.creditCost);
    expect(Date.parse(g.completedAt!)).toBeGreaterThanOrEqual(Date.parse(g.createdAt!));
    // The metadata is measured from the file the url serves.
    const probe = await downloadMp4(g.url!);
    expect([probe.width, probe.height]).toEqual([1920, 1080]);
  });

  it("GraphQL CancelGeneration: a fresh generation is cancelled", async () => {
    const started = await graphql<{ generate: GenerationView }>(GENERATE, AUTO_SELECT_VIDEO);
    expect(started.body.errors, JSON.stringify(started.body)).toBeUndefined();
    const { id } = started.body.data!.generate;
    const res = await graphql<{ cancelGeneration: boolean }>(CANCEL_GENERATION, { id });
    expect(res.body).toEqual({ data: { cancelGeneration: true } });
    const after = await graphql<{ generation: GenerationView }>(GET_GENERATION, { id });
    expect(after.body.data!.generation.status).toBe("CANCELLED");
  });

  it.each(["VIDEO", "IMAGE", "AUDIO", "AVATAR"])("GraphQL GetProviders(%s) lists providers, local among them", async (type) => {
    type Provider = {
      id: string;
      name: string;
      description: string;
      features: string[];
      limitations: string[];
      pricing: { creditCost: number; estimatedTime: number };
      options: { name: string; type: string; required: boolean; description: string; allowedValues: string[] | null }[];
    };
    const res = await graphql<{ providers: Provider[] }>(GET_PROVIDERS, { type });
    expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
    const providers = res.body.data!.providers;
    expect(providers.length).toBeGreaterThan(0);
    for (const p of providers) {
      expect(p.name && p.description, p.id).toBeTruthy();
      expect(p.pricing.creditCost, p.id).toBeGreaterThan(0);
      expect(p.pricing.estimatedTime, p.id).toBeGreaterThan(0);
    }
    const local = providers.find((p) => p.id === "local");
    expect(local, "local is listed").toBeDefined();
    expect(local!.options.length).toBeGreaterThan(0);
    for (const o of local!.options) expect(o.name && o.type && o.description, JSON.stringify(o)).toBeTruthy();
  });
});
