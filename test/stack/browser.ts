/**
 * Headless Chromium for the stack tests: the Debian build at /usr/bin/chromium
 * (or CHROMIUM_PATH), driven by playwright-core. Nothing is downloaded.
 */
import { chromium, type Browser } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
