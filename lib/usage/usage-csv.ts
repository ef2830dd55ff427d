import type { UsageReport, UsageRow } from "./get-usage";

const COLUMNS = ["group", "label", "generations", "outputs", "credits", "output_seconds", "output_megapixels", "failure_rate", "p50_seconds"] as const;

/** A usage report as CSV (RFC 4180): a header, one line per group, then the totals; values that need it are quoted. */
export function usageCsv(report: UsageReport): string {
  const line = (r: UsageRow) => [r.group, r.label, r.generations, r.outputs, r.credits, r.outputSeconds, r.outputMegapixels, r.failureRate, r.p50Seconds ?? ""].map(cell).join(",");
  return [COLUMNS.join(","), ...report.rows.map(line), line(report.totals)].join("\r\n") + "\r\n";
}

function cell(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: prefix it so a key's name can never run as one.
  const safe = /^[=+\-@]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
