import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium, never a downloaded browser (docs/offline-stack.md): its headless shell (package
// chromium-headless-shell, the same Chromium without the browser's UI, which is also what Playwright itself runs
// headless when it downloads its own). The full browser in headless mode still runs its tab strip's WebUI renderer
// and a busier GPU process: the playground spec cost it 31 CPU-s of Chromium against 21 for the shell, same
// results (2026-12-06, process accounting). Flags keep it off the network and the GPU.
// Playwright itself already passes --headless, --disable-dev-shm-usage and
// --disable-renderer-backgrounding, so they are not repeated here. --disable-software-rasterizer was measured and
// left out: a page animating for 30 s cost the browser 7.5 CPU-s with it and 7.6 without (2026-12-06).
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const chromium = {
  ...devices["Desktop Chrome"],
  channel: undefined,
  launchOptions: { executablePath: "/usr/lib/chromium/chromium-headless-shell", args: CHROMIUM_ARGS },
};

// These specs change what every other spec on the shared server sees: ops-prices reprices the local provider's
// images (estimates elsewhere would read its price mid-change), ops-providers disables the provider automatic
// routing picks (other specs' generations would go elsewhere or be refused). They run after all the others, one at
// a time, in their own project. Playwright runs a project's dependencies whole, whatever files are named:
// `npx playwright test --no-deps tests/e2e/ops-prices.spec.ts` runs one of them alone. npm test (scripts/test.sh) runs
// them as a second run instead, so that a failure among the others cannot skip them.
const SERVER_WIDE = ["**/ops-prices.spec.ts", "**/ops-providers.spec.ts"];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  // global-setup starts the app (server.mjs, as `npm start`) on a free port and exports E2E_BASE_URL before workers read this config.
  globalSetup: "./tests/e2e/global-setup.ts",
  // Failure traces go here; with DOITONG_SCREENSHOTS=1 the specs write their review screenshots to test-results/screenshots.
  outputDir: "test-results/artifacts",
  // Spec files at once (a file's tests stay in order, in one worker); all talk to the one server, each as its own
  // person (fresh e-mail addresses, accounts and keys), except the server-wide specs (below). A browser test mostly
  // waits on the page and the server: DOITONG_E2E_WORKERS=2 halves the wall time for little more CPU (.ci/run
  // keeps 1 beside vitest and says why).
  fullyParallel: false,
  workers: Number(process.env.DOITONG_E2E_WORKERS) || 1,
  retries: 0,
  // Beside vitest (DOITONG_E2E_ALONGSIDE, .ci/run) the browser shares 2 cores with four test files and their
  // servers: a page that renders in 2 s alone can take 20. CI's run of 2026-12-06 failed five walks (sign-up, team,
  // docs pages) on the one-minute limit mid-screenshot; each passed alone in under 30 s. The limits stretch with
  // the load instead of failing what works.
  timeout: process.env.DOITONG_E2E_ALONGSIDE === "1" ? 150_000 : 60_000,
  expect: { timeout: process.env.DOITONG_E2E_ALONGSIDE === "1" ? 25_000 : 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    // A failed test keeps its trace: every action with the page's DOM before and after it (Trace Viewer), plus the
    // failure's screenshot below. Not the trace's filmstrip: the browser encodes a screenshot for it at every
    // repaint of every test, passing ones included, and that was a third of Chromium's CPU (the playground spec:
    // 40 → 25 CPU-s, 2026-12-06).
    // DOITONG_E2E_TRACE=off (.ci/run) records none: a trace is written for every test while it runs, to be thrown
    // away when it passes, and that cost ~9 % of the browser tests' CPU (three specs: 31.4 -> 28.7 CPU-s,
    // 2026-12-06); CI's log keeps the error and the failure's screenshot.
    trace: process.env.DOITONG_E2E_TRACE === "off" ? "off" : { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    // The pages' pulsing skeletons, spinners and progress bars are motion-safe: (Tailwind), so with the visitor's
    // "reduce motion" they stand still and the browser stops repainting the page at 60 frames a second while a
    // test waits on it. Measured on one page with the app's CSS, open 60 s (2026-12-06, a loaded machine): 12.4
    // CPU-s of Chromium pulsing (GPU process 5.2, renderer 5.1) against 4.2 still (GPU process 0.2, renderer 2.0).
    // The whole suite's GPU process had cost 177 of its 768 CPU-s.
    reducedMotion: "reduce",
  },
  projects: [
    { name: "chromium", testIgnore: SERVER_WIDE, use: chromium },
    { name: "server-wide", testMatch: SERVER_WIDE, dependencies: ["chromium"], workers: 1, use: chromium },
  ],
});
