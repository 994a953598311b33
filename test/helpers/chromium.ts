/** Debian's Chromium for the HTML tests, launched headless with the flags this machine needs; undefined when absent. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return undefined; // playwright-core not installed: the browser tests skip
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
