import { apiRoutes } from "@/lib/server/api-routes";

// /v1/images/generations (lib/server/api-routes.ts). Served by server.mjs before Next; this route handler serves it when the app
// runs without the custom server.
export const { POST } = apiRoutes["/v1/images/generations"];
