import { accountsTypeDefs } from "./accounts";
import { billingTypeDefs } from "./billing";
import { commonTypeDefs } from "./common";
import { eventsTypeDefs } from "./events";
import { generationsTypeDefs } from "./generations";
import { keysTypeDefs } from "./keys";
import { providersTypeDefs } from "./providers";
import { retentionTypeDefs } from "./retention";
import { teamsTypeDefs } from "./teams";
import { uploadsTypeDefs } from "./uploads";
import { usageTypeDefs } from "./usage";
import { webhooksTypeDefs } from "./webhooks";

/**
 * The schema's text, one file per domain: the one source of its types. The server's resolver types and the
 * dashboard's document types are generated from it (scripts/sdk-codegen.ts), never written by hand.
 */
export const typeDefs = [
  commonTypeDefs,
  accountsTypeDefs,
  generationsTypeDefs,
  providersTypeDefs,
  billingTypeDefs,
  eventsTypeDefs,
  webhooksTypeDefs,
  uploadsTypeDefs,
  keysTypeDefs,
  usageTypeDefs,
  teamsTypeDefs,
  retentionTypeDefs,
];
