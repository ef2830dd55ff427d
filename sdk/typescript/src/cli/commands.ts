import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Doitong } from "../client.js";
import { ServerError } from "../errors.js";
import type { GenerateInput, GenerationType } from "../generated/graphql.js";
import type { Generation } from "../wait.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { progressReporter } from "./progress.js";

export interface Flags {
  provider?: string;
  option?: string[];
  priority?: string;
  "max-cost"?: string;
  "idempotency-key"?: string;
  wait?: boolean;
  out?: string;
  json?: boolean;
}

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  baseUrl: string;
}

const TYPES = ["VIDEO", "IMAGE", "AUDIO", "AVATAR"];
const PRIORITIES = ["QUALITY", "SPEED", "COST", "BALANCED"];

/** Runs one command and returns the exit code; errors of the API are thrown (cli.ts maps them to codes). */
export async function runCommand(client: Doitong, command: string, args: string[], flags: Flags, io: Io): Promise<number> {
  const print = (value: unknown, text: string) => io.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  switch (command) {
    case "generate": {
      const input = generateInput(args, flags);
      let generation = await client.generate(input, { idempotencyKey: flags["idempotency-key"] });
      if (!flags.wait && !flags.out) {
        print(generation, `${generation.id} ${generation.status.toLowerCase()} (${generation.provider}, ${credits(generation.creditCost)})`);
        return EXIT.OK;
      }
      generation = await follow(client, generation, flags, io);
      return finish(generation, flags, io, print);
    }
    case "estimate": {
      const estimate = await client.estimate(generateInput(args, flags));
      print(estimate, `${estimate.provider}: ${credits(estimate.creditCost)}, about ${estimate.estimatedTime}s${estimate.warnings.map((w) => `\nwarning: ${w}`).join("")}`);
      return EXIT.OK;
    }
    case "status": {
      const id = required(args[0], "a generation id");
      let generation = await client.generation(id);
      if (!flags.wait && !flags.out) {
        print(generation, describe(generation));
        return EXIT.OK;
      }
      generation = await follow(client, generation, flags, io);
      return finish(generation, flags, io, print);
    }
    case "cancel": {
      const id = required(args[0], "a generation id");
      const cancelled = await client.cancel(id);
      print({ id, cancelled }, cancelled ? `${id} cancelled` : `${id} had already finished`);
      return EXIT.OK;
    }
    case "providers": {
      const providers = await client.providers(generationType(args[0]));
      const rows = providers.map(
        (p) =>
          `${p.id.padEnd(18)} ${String(p.pricing.creditCost).padStart(5)} cr  ~${String(p.pricing.estimatedTime).padStart(4)}s  ${p.available ? "" : `(unavailable: ${p.unavailableReason ?? "no key"}) `}${p.name}`,
      );
      print(providers, rows.join("\n"));
      return EXIT.OK;
    }
    case "balance": {
      const me = await client.me();
      print(me, `${credits(me.credits.balance)} (${me.credits.reserved} reserved), plan ${me.plan.toLowerCase()}`);
      return EXIT.OK;
    }
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

async function follow(client: Doitong, generation: Generation, flags: Flags, io: Io): Promise<Generation> {
  const progress = progressReporter(io.stderr, !flags.json);
  progress.update(generation);
  try {
    return await client.wait(generation.id, { onProgress: (g) => progress.update(g) });
  } finally {
    progress.done();
  }
}

async function finish(generation: Generation, flags: Flags, io: Io, print: (value: unknown, text: string) => void): Promise<number> {
  if (generation.status !== "COMPLETED") {
    print(generation, describe(generation));
    return EXIT.FAILED;
  }
  if (flags.out && generation.url) {
    await download(new URL(generation.url, io.baseUrl), flags.out);
    print({ ...generation, file: flags.out }, `${describe(generation)}\nsaved ${flags.out}`);
  } else {
    print(generation, describe(generation));
  }
  return EXIT.OK;
}

function describe(g: Generation): string {
  const size = g.metadata?.width && g.metadata.height ? ` ${g.metadata.width}x${g.metadata.height}` : "";
  const duration = g.metadata?.duration ? ` ${g.metadata.duration}s` : "";
  const line = `${g.id} ${g.status.toLowerCase()} ${g.type.toLowerCase()} by ${g.provider} (${g.progress}%, ${credits(g.creditCost)})${size}${duration}`;
  if (g.error) return `${line}\n${g.error.code}: ${g.error.message}`;
  return g.url ? `${line}\n${g.url}` : line;
}

async function download(url: URL, file: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new ServerError(`Download failed: HTTP ${response.status}`, { code: "INTERNAL", status: response.status });
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), createWriteStream(file));
}

function generateInput(args: string[], flags: Flags): GenerateInput {
  const type = generationType(args[0]);
  const text = required(args[1], "a prompt");
  const priority = flags.priority?.toUpperCase();
  if (priority && !PRIORITIES.includes(priority)) throw new UsageError(`--priority is one of ${PRIORITIES.join(", ").toLowerCase()}`);
  const maxCost = flags["max-cost"] === undefined ? undefined : Number(flags["max-cost"]);
  if (maxCost !== undefined && !Number.isInteger(maxCost)) throw new UsageError("--max-cost is a whole number of credits");
  return {
    type,
    input: { text },
    ...(flags.provider ? { provider: flags.provider } : {}),
    ...(flags.option?.length ? { options: parseOptions(flags.option) } : {}),
    ...(priority ? { priority: priority as GenerateInput["priority"] } : {}),
    ...(maxCost !== undefined ? { maxCost } : {}),
  };
}

/** `--option duration=5 --option aspectRatio=16:9`: values that read as JSON (numbers, booleans) are sent as such. */
export function parseOptions(pairs: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--option takes key=value, got ${JSON.stringify(pair)}`);
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string such as 16:9 or 1080p
    }
    options[pair.slice(0, at)] = value;
  }
  return options;
}

function generationType(value: string | undefined): GenerationType {
  const type = required(value, `a type (${TYPES.join(", ").toLowerCase()})`).toUpperCase();
  if (!TYPES.includes(type)) throw new UsageError(`Unknown type ${JSON.stringify(value)}: use one of ${TYPES.join(", ").toLowerCase()}`);
  return type as GenerationType;
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`Missing ${what}`);
  return value;
}

/** "1 credit", "2 credits". */
function credits(n: number): string {
  return `${n} ${n === 1 ? "credit" : "credits"}`;
}
