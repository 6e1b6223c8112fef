import { expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

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
  // Learners land on their formations, admins on the admin area.
  await expect(page).toHaveURL(/\/(user|admin)/);
}

export const demoLearner = { email: 'apprenant@formations.test', password: 'apprenant-demo-2026' };
export const liveLearner = { email: 'e2e@formations.test', password: 'e2e-password-2026' };
export const noJsLearner = { email: 'e2e-nojs@formations.test', password: 'e2e-password-2026' };

/** Where start-server.sh has the app write its mails (.eml files). */
const mailDir = path.join(__dirname, '..', '.tmp', 'mail');

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The path of the newest link to `kind` (`confirmer` or `reinitialiser`) in
 * the mails sent to `email`, waiting for the mail to be written.
 */
export async function linkFromMail(email: string, kind: 'confirmer' | 'reinitialiser'): Promise<string> {
  // With the destination the sign-up was going to, when there is one.
  const pattern = new RegExp(`http://[^/\\s]+(/${kind}/[A-Za-z0-9_-]+(?:\\?next=[A-Za-z0-9%._-]+)?)`);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
        const mails = files
          .map((f) => path.join(mailDir, f))
          .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
          .map((f) => decodeQuotedPrintable(fs.readFileSync(f, 'utf8')))
          .filter((m) => m.includes(`To: ${email}`));
        for (const mail of mails) {
          const match = mail.match(pattern);
          if (match) {
            found = match[1];
            return true;
          }
        }
        return false;
      },
      { message: `a /${kind}/ link mailed to ${email}` },
    )
    .toBe(true);
  return found!;
}

/** Signs up and confirms the address from the mail (JavaScript on). */
export async function signUpAndConfirm(page: Page, name: string, email: string, password: string) {
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Nom').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte mail' })).toBeVisible();
  await page.goto(await linkFromMail(email, 'confirmer'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/login\?confirme=1$/);
}
