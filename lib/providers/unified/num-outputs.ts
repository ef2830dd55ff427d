import type { GenerationType, ModelSpec, Options } from "../types";
import { treatmentOf } from "./treatment";

/**
 * Several outputs (unified `numOutputs`): how many files one generation makes, and how many vendor jobs that takes.
 * A model that declares numOutputs native (Kolors `n`) makes them all in one job, under its own option name; any
 * other model runs the same job once per output (treatment.ts, SEVERAL_JOBS). Prices are per output everywhere.
 */
export function outputsAsked(model: ModelSpec, type: GenerationType, applied: Options): number {
  const treatment = treatmentOf(model, type, "numOutputs");
  const value = treatment.kind === "native" ? applied[treatment.option ?? "numOutputs"] : applied.numOutputs;
  return Math.max(1, Math.floor(Number(value ?? 1)) || 1);
}

/** How many vendor jobs make `outputs` files on this model: one when the vendor returns several files per job. */
export function vendorJobs(model: ModelSpec, type: GenerationType, outputs: number): number {
  return treatmentOf(model, type, "numOutputs").kind === "native" ? 1 : outputs;
}

/**
 * The options of the job for output `index` when the outputs are separate jobs: the same request, minus the count,
 * with seed+index so each job makes a different result that can still be reproduced.
 */
export function optionsForOutput(options: Options, index: number, separateJobs: boolean): Options {
  if (!separateJobs) return options;
  const { numOutputs: _n, ...rest } = options;
  if (typeof rest.seed === "number" && index > 0) rest.seed = (rest.seed + index) % 2_147_483_648;
  return rest;
}
