// E2E entry: `node --import tsx e2e/run.ts`. Starts the real server and Chromium, runs the tests.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type Browser } from './browser.ts';
import { runTests } from './runner.ts';
import { startServer, type RunningServer } from './server-process.ts';
import { buildRegistryTests } from './registry-tests.ts';
import { buildSamplerTests } from './sampler-tests.ts';
import { buildScreeningTests } from './screening-tests.ts';
import { buildAntigenTests } from './antigen-tests.ts';
import { buildTests } from './tests.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(repoRoot, 'artifacts', 'e2e');

async function main(): Promise<number> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    console.error(`e2e: ${chromiumPath} missing; install it with: apt-get install -y chromium fonts-noto-cjk`);
    return 1;
  }
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    console.log('# starting server…');
    server = await startServer(repoRoot, artifacts);
    console.log(`# server ready at ${server.baseUrl}`);
    browser = await launchBrowser(server.baseUrl);
    const { failed } = await runTests([...buildTests(browser, artifacts), ...buildRegistryTests(browser, artifacts, server.baseUrl), ...buildSamplerTests(browser, artifacts, server.baseUrl), ...buildScreeningTests(browser, artifacts, server.baseUrl), ...buildAntigenTests(browser, artifacts)]);
    if (failed) console.log(`# server log: ${server.logFile}`);
    return failed ? 1 : 0;
  } catch (err) {
    console.error(`e2e: setup failed: ${err instanceof Error ? err.message : String(err)}`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}

process.exitCode = await main();
