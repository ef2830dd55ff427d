import type { GenerationDetail } from "../types";
import { formatBytes, titleCase } from "../format";
import { Card } from "../ui/card";

function costNote(g: GenerationDetail): string {
  if (g.mode === "TEST") return " (test key: not charged)";
  if (g.status === "COMPLETED") return "";
  return g.status === "FAILED" || g.status === "CANCELLED" ? " (released, not charged)" : " (reserved)";
}

/** Provider, cost and what the produced file measured (not what was asked for). */
export function GenerationFacts({ generation: g }: { generation: GenerationDetail }) {
  const m = g.metadata;
  const facts: [string, string | null][] = [
    ["Type", titleCase(g.type)],
    ["Provider", g.provider],
    ["Cost", `${g.creditCost} ${g.creditCost === 1 ? "credit" : "credits"}${costNote(g)}`],
    ["Dimensions", m?.width && m.height ? `${m.width} × ${m.height}` : null],
    ["Resolution", m?.resolution ?? null],
    ["Duration", m?.duration != null ? `${m.duration.toFixed(1)} s` : null],
    ["Format", m?.format ? `${m.format}${m.mimeType ? ` (${m.mimeType})` : ""}` : null],
    ["Size", m?.size != null ? formatBytes(m.size) : null],
    ["Audio track", m?.hasAudio == null ? null : m.hasAudio ? "Yes" : "No"],
  ];
  return (
    <Card title="Details" data-testid="generation-facts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2.5 text-sm">
        {facts
          .filter((f): f is [string, string] => f[1] !== null)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 font-medium break-words text-slate-900">{value}</dd>
            </div>
          ))}
      </dl>
    </Card>
  );
}

/** The prompt as sent, the options as asked (after defaults) and, when the provider could not honour them exactly, what it was sent and why. */
export function GenerationInput({ generation: g }: { generation: GenerationDetail }) {
  return (
    <Card title="Request">
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Prompt</h3>
      <p className="mt-1.5 text-sm whitespace-pre-wrap text-slate-900" data-testid="generation-prompt">
        {g.prompt || <span className="text-slate-400 italic">No prompt</span>}
      </p>
      <h3 className="mt-5 text-xs font-medium tracking-wide text-slate-500 uppercase">Options</h3>
      <OptionsBlock value={g.options} />
      {g.warnings.length > 0 ? (
        <>
          <h3 className="mt-5 text-xs font-medium tracking-wide text-amber-700 uppercase">Adjusted for {g.provider}</h3>
          <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="generation-warnings">
            {g.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <h3 className="mt-5 text-xs font-medium tracking-wide text-slate-500 uppercase">Sent to the provider</h3>
          <OptionsBlock value={g.appliedOptions} />
        </>
      ) : null}
    </Card>
  );
}

function OptionsBlock({ value }: { value: unknown }) {
  return <pre className="mt-1.5 max-h-72 overflow-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">{JSON.stringify(value, null, 2)}</pre>;
}
