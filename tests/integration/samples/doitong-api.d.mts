// Types for the product page's JavaScript client (doitong-api.mjs), so the TypeScript test can use it without `any`.
// They describe what the sample's queries select; the sample itself stays plain, verbatim JavaScript.

export interface SampleGenerationError {
  code: string;
  message: string;
}

/** `generate` selects id…estimatedTime, metadata and error; `checkStatus` selects id, status, progress, url, error. */
export interface SampleGeneration {
  id: string;
  status: string;
  type?: string;
  provider?: string;
  url: string | null;
  metadata?: Record<string, unknown> | null;
  creditCost?: number;
  estimatedTime?: number;
  progress?: number;
  error: SampleGenerationError | null;
}

export declare class DoitongAPI {
  constructor(apiKey: string);
  apiKey: string;
  endpoint: string;
  generate(input: Record<string, unknown>): Promise<SampleGeneration>;
  checkStatus(id: string): Promise<SampleGeneration>;
  waitForCompletion(id: string, pollInterval?: number): Promise<SampleGeneration>;
}
