import { serve } from "inngest/next";
import { inngest } from "@/lib/dispatch/inngest-client";
import { inngestFunctions } from "@/lib/jobs/inngest-functions";

// GET|POST|PUT /api/inngest — Inngest calls the generation workflow here when INNGEST_* is configured.
export const { GET, POST, PUT } = serve({ client: inngest, functions: inngestFunctions });
