import { expect, Page } from '@playwright/test';

/** Waits until the WebAssembly app has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Collects console errors and warnings, hydration mismatches included. */
export function watchConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') messages.push(msg.text());
  });
  page.on('pageerror', (err) => messages.push(err.message));
  return messages;
}

export const uniqueEmail = (prefix: string) =>
  `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

export async function loginAs(page: Page, email: string, password: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/user/);
}

export const demoLearner = { email: 'apprenant@formations.test', password: 'apprenant-demo-2026' };
export const liveLearner = { email: 'e2e@formations.test', password: 'e2e-password-2026' };
export const noJsLearner = { email: 'e2e-nojs@formations.test', password: 'e2e-password-2026' };
