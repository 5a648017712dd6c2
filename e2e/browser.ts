// Chromium (system package, never downloaded) through playwright-core, one persistent context.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  /** A fresh page with no cookies or stored language; page errors are collected on it. */
  newPage: () => Promise<{ page: Page; errors: string[] }>;
  close: () => Promise<void>;
}

export async function launchBrowser(baseURL: string): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cordon-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    newPage: async () => {
      for (const p of context.pages()) await p.close();
      await context.clearCookies();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto('/login');
      await page.evaluate(() => localStorage.clear());
      return { page, errors };
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
