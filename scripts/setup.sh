#!/usr/bin/env bash
# Installs everything Doitong needs and builds it: system packages, npm packages, the Prisma client, the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
npm install --no-audit --no-fund
npx prisma generate
NEXT_TELEMETRY_DISABLED=1 npx next build
# The TypeScript SDK and its `doitong` CLI (npm install --global ./sdk/typescript puts it on the PATH)
npm run sdk:build
