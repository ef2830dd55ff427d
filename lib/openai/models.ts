import type { GenerationType } from "../generated/prisma/client";
import { CATALOG } from "../providers/catalog";
import type { V1Context } from "./v1-route";

const TYPES: readonly GenerationType[] = ["IMAGE", "VIDEO", "AUDIO", "AVATAR"];
/** Catalog entries have no creation date; a fixed one keeps the list stable (OpenAI's `created` is informative). */
const CREATED = Math.floor(Date.UTC(2026, 0, 1) / 1000);

interface ModelEntry {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
  type: string;
  types: string[];
  provider: string | null;
}

/**
 * GET /v1/models: `auto`, then every provider id and every model id behind a provider (what `model` accepts), with
 * the vendor as `owned_by` and the generation types it makes. Retired models are left out; they are refused.
 */
export function listModels(_ctx: V1Context): Promise<Response> {
  const data: ModelEntry[] = [{ id: "auto", object: "model", created: CREATED, owned_by: "doitong", type: "any", types: TYPES.map(lower), provider: null }];
  const seen = new Map<string, ModelEntry>();
  for (const provider of CATALOG) {
    for (const type of TYPES) {
      const spec = provider.models[type];
      if (!spec) continue;
      const ids = [provider.id, ...(spec.lineup.option ? spec.lineup.models.filter((m) => m.status !== "RETIRED").map((m) => m.id) : [])];
      for (const id of ids) {
        const entry = seen.get(id);
        if (entry) {
          if (!entry.types.includes(lower(type))) entry.types.push(lower(type));
          continue;
        }
        const created: ModelEntry = { id, object: "model", created: CREATED, owned_by: provider.vendor, type: lower(type), types: [lower(type)], provider: provider.id };
        seen.set(id, created);
        data.push(created);
      }
    }
  }
  return Promise.resolve(Response.json({ object: "list", data }));
}

function lower(type: GenerationType): string {
  return type.toLowerCase();
}
