import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from "graphql";
import { schema } from "@/lib/graphql/yoga";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import type { GenerationType } from "@/lib/generated/prisma/client";
import { providersFor } from "@/lib/providers/catalog";
import { priceListOrThrow, quoteWith } from "@/lib/providers/pricing";
import type { PriceBook, PriceList } from "@/lib/prices/price-book";
import { listProviders, type ProviderListing } from "@/lib/providers/list-providers";
import { defaultOptions } from "@/lib/providers/resolve-options";
import type { ModelSpec } from "@/lib/providers/types";

/**
 * What the reference pages show, read from the running code: the GraphQL schema the endpoint serves
 * (lib/graphql/yoga.ts), the provider catalog (lib/providers) and the error table (lib/errors.ts). Nothing here is
 * written by hand, so the reference changes when they do.
 */
export type TypeKind = "OBJECT" | "INPUT_OBJECT" | "ENUM" | "SCALAR" | "UNION" | "INTERFACE";

export interface FieldRef {
  name: string;
  type: string;
  description: string | null;
  deprecationReason?: string | null;
  args: { name: string; type: string; description: string | null; defaultValue?: string }[];
}

export interface TypeRef {
  name: string;
  kind: TypeKind;
  description: string | null;
  fields: FieldRef[];
  values: { name: string; description: string | null }[];
  members: string[];
}

const arg = (a: GraphQLArgument | GraphQLInputField) => ({
  name: a.name,
  type: String(a.type),
  description: a.description ?? null,
  defaultValue: a.defaultValue === undefined ? undefined : JSON.stringify(a.defaultValue),
});

const field = (f: GraphQLField<unknown, unknown>): FieldRef => ({
  name: f.name,
  type: String(f.type),
  description: f.description ?? null,
  deprecationReason: f.deprecationReason ?? null,
  args: f.args.map(arg),
});

function kindOf(t: GraphQLNamedType): TypeKind {
  if (isObjectType(t)) return "OBJECT";
  if (isInputObjectType(t)) return "INPUT_OBJECT";
  if (isEnumType(t)) return "ENUM";
  if (isUnionType(t)) return "UNION";
  if (isInterfaceType(t)) return "INTERFACE";
  return "SCALAR";
}

const ROOTS = ["Query", "Mutation", "Subscription"];
const KIND_ORDER: TypeKind[] = ["OBJECT", "INTERFACE", "UNION", "INPUT_OBJECT", "ENUM", "SCALAR"];

/** Every named type of the schema (operations first, then by kind and name), without introspection's own. */
export function schemaTypes(): TypeRef[] {
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith("__"));
  const rank = (t: GraphQLNamedType) => (ROOTS.includes(t.name) ? ROOTS.indexOf(t.name) - 10 : KIND_ORDER.indexOf(kindOf(t)));
  return types
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map((t) => ({
      name: t.name,
      kind: kindOf(t),
      description: t.description ?? null,
      fields:
        isObjectType(t) || isInterfaceType(t)
          ? Object.values(t.getFields()).map(field)
          : isInputObjectType(t)
            ? Object.values(t.getFields()).map((f) => ({ ...arg(f), args: [] }))
            : [],
      values: isEnumType(t) ? t.getValues().map((v) => ({ name: v.name, description: v.description ?? null })) : [],
      members: isUnionType(t) ? t.getTypes().map((m) => m.name) : [],
    }));
}

export interface ProviderRef extends ProviderListing {
  type: GenerationType;
  /** The lowest and highest price over each option's allowed values (the others at their defaults). */
  priceRange: { min: number; max: number };
}

const TYPES: GenerationType[] = ["VIDEO", "IMAGE", "AUDIO", "AVATAR"];

function priceRange(model: ModelSpec, list: PriceList): { min: number; max: number } {
  const defaults = defaultOptions(model);
  const prices = [quoteWith(model, list, defaults, "").credits];
  for (const o of model.options) {
    const values: unknown[] = o.allowedValues ? [...o.allowedValues] : o.min !== undefined && o.max !== undefined ? [o.min, o.max] : [];
    for (const v of values) {
      const value = o.type === "INT" || o.type === "FLOAT" ? Number(v) : o.type === "BOOLEAN" ? v === true || v === "true" : v;
      try {
        const price = quoteWith(model, list, { ...defaults, [o.name]: value as string | number | boolean }, "").credits;
        if (Number.isFinite(price)) prices.push(price);
      } catch {
        // A combination the model refuses has no price; the others still tell the range.
      }
    }
  }
  return { min: Math.round(Math.min(...prices)), max: Math.round(Math.max(...prices)) };
}

/** Every provider for every generation type, as the `providers` query lists it for a live key on this server. */
/** Every provider of every type, priced with the lists in force (`prices`: currentPriceBook()). */
export function catalogProviders(prices: PriceBook): ProviderRef[] {
  return TYPES.flatMap((type) => {
    const specs = new Map(providersFor(type).map((p) => [p.id, p.models[type] as ModelSpec]));
    return listProviders(type, "LIVE", prices).map((p) => ({ ...p, type, priceRange: priceRange(specs.get(p.id)!, priceListOrThrow(prices, p.id, type)) }));
  });
}

export const GENERATION_TYPES = TYPES;

export function errorCodes(): { code: ErrorCode; status: number; description: string; action: string }[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({ code, ...ERROR_CODES[code] }));
}
