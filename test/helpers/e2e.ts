import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { rootDir } from '../../src/config.js';
import { launchChromium, startLiveApp, type LiveApp } from './browser.js';
import { TestSmtpServer } from './smtp.js';

/** Where e2e tests save screenshots for a person to look at (created by the set-up). */
export const screenshotDir = path.join(rootDir, 'test', '.tmp', 'screenshots');

export interface E2eSetUp {
  /** The live app on its fresh database (available from the first `before` hook after the set-up on). */
  readonly live: LiveApp;
  readonly browser: Browser;
  /** The SMTP test server the app sends through; only with `{ smtp: true }`. */
  readonly smtp: TestSmtpServer;
}

/**
 * The set-up every e2e suite shares, registered as mocha hooks in the calling `describe`: a live app on a fresh
 * database (through the given SMTP test server, when asked) and Chromium, both stopped after the suite. Call it
 * at the top of the `describe`, before the suite's own `before` hooks, which run after it and can use `live.db`.
 */
export function setUpE2e(options: { env?: NodeJS.ProcessEnv; smtp?: boolean } = {}): E2eSetUp {
  let live: LiveApp | undefined;
  let browser: Browser | undefined;
  let smtp: TestSmtpServer | undefined;
  before(async () => {
    if (options.smtp) smtp = await TestSmtpServer.start();
    live = await startLiveApp({ ...options.env, ...(smtp ? { SMTP_URL: smtp.url } : {}) });
    browser = await launchChromium();
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
    await smtp?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e set-up has not started ${what} (use it inside a hook or test)`);
    return value;
  };
  return {
    get live() {
      return started(live, 'the live app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get smtp() {
      return started(smtp, 'an SMTP server (pass { smtp: true })');
    },
  };
}
