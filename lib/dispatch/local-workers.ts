import { processSingleton } from "../process-singleton";

/**
 * The workers that run in this process, as far as the code that hands them work needs to know: the in-process
 * runner (lib/jobs/in-process-runner.ts) and the webhook dispatcher (lib/jobs/webhook-dispatcher.ts) register
 * here when their modules load. Domain code (generations, webhooks, provider callbacks) signals through this
 * instead of importing the workers, which import the domain: that keeps lib/jobs above lib/generations and
 * lib/webhooks (see .dependency-cruiser.cjs). A signal with no worker registered does nothing: the workers also
 * poll the database, which is the truth; a signal saves the poll interval — a second on PostgreSQL, up to
 * DOITONG_QUIET_MAX_MS on the embedded database, where the workers sleep until signalled (lib/jobs).
 */
export interface LocalRunner {
  /** Look for claimable generations now. */
  wake(): void;
  /** Abort this process's run of a generation, if it has one. */
  abort(generationId: string): void;
}

export interface LocalWebhookDispatcher {
  /** Look for due deliveries now. */
  wake(): void;
}

const workers = processSingleton<{ runner?: LocalRunner; webhooks?: LocalWebhookDispatcher }>("local-workers", () => ({}));

export function registerLocalRunner(runner: LocalRunner): void {
  workers.runner = runner;
}

export function registerLocalWebhookDispatcher(dispatcher: LocalWebhookDispatcher): void {
  workers.webhooks = dispatcher;
}

export function localRunner(): LocalRunner | undefined {
  return workers.runner;
}

export function localWebhookDispatcher(): LocalWebhookDispatcher | undefined {
  return workers.webhooks;
}
