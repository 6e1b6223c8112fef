import { test as base, expect } from '@playwright/test';

/**
 * Every test fails on a Content-Security-Policy violation: a script, style
 * or connection the policy blocks is a broken page, even when nothing on it
 * looks wrong. Chromium reports each violation on the console and as a
 * `securitypolicyviolation` event.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
      });
      await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as any).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
        });
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, Page } from '@playwright/test';
