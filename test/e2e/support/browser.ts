import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { APP_ROOT } from '../../../engine/app/config/load.ts';

export const SCREENSHOT_DIR = path.join(APP_ROOT, 'test', 'e2e', 'screenshots');
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

export interface KioskBrowser {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far (a CSP violation shows up here). */
  errors: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium driven by playwright-core (never `npx playwright install`): headless, a fresh
 * profile, no background networking, so the test sees exactly what a kiosk screen would.
 */
export async function openKiosk(url: string, viewport = PORTRAIT): Promise<KioskBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'vk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // HTTP 4xx/5xx API answers (wrong PIN, reply unavailable) are logged by Chromium as resource
    // errors; they are expected outcomes, not page faults. Everything else (CSP, exceptions) counts.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    context,
    errors,
    shot: async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
