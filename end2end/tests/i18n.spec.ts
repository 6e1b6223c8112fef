import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';
import { expect, Page, test } from './fixtures';
import { demoLearner, hydrated, watchConsole } from './helpers';

const ADMIN = { email: 'admin@formations.test', password: 'admin-demo-2026' };

/** The messages of one language's Fluent files: id → text (placeables kept). */
function messages(lang: string): Map<string, string> {
  const dir = path.join(__dirname, '..', '..', 'locales', lang);
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    let id: string | undefined;
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const entry = line.match(/^([a-zA-Z][\w-]*) =\s?(.*)$/);
      if (entry) {
        id = entry[1];
        out.set(id, entry[2]);
      } else if (id && /^\s+\S/.test(line)) {
        out.set(id, `${out.get(id)} ${line.trim()}`);
      } else if (!line.trim() || line.startsWith('#')) {
        id = undefined;
      }
    }
  }
  return out;
}

const french = messages('fr');
const english = messages('en');
/**
 * What betrays a French page: the literal runs of every French message that
 * English words differently, cut at placeables and select expressions;
 * only runs of several words, so a shared name ("Catalogue") is no proof.
 */
const frenchRuns = [...french]
  .filter(([id, text]) => english.get(id) !== text)
  .flatMap(([, text]) => text.split(/\{[^}]*\}|\[[^\]]*\]|\*?\[|\}/))
  .map((run) => run.replace(/\s+/g, ' ').trim())
  // Runs of real words only: a sample value ("Mar-Jeu, 19h-21h") is also
  // demo data, which is stored text and not translated.
  .filter((run) => run.split(' ').filter((word) => /^[\p{L}']{3,}$/u.test(word)).length >= 2);
const ids = [...french.keys()];

/** Fails with the French runs and raw ids a page shows. */
async function expectEnglish(page: Page, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  const attributes = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''))
      .join(' | '),
  );
  const shown = `${text} | ${attributes} | ${await page.title()}`;
  expect(frenchRuns.filter((run) => shown.includes(run)), `French words on ${where}`).toEqual([]);
  expect(ids.filter((id) => shown.includes(id)), `raw message ids on ${where}`).toEqual([]);
}

test('in English, the learner pages and an admin page show no French word and no raw key', async ({ page }) => {
  expect(frenchRuns.length).toBeGreaterThan(50);
  const console = watchConsole(page);
  await page.goto('/login');
  await hydrated(page);
  // The switch before signing in: the cookie only, the profile is left alone.
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await hydrated(page);
  await expectEnglish(page, '/login');
  await page.getByLabel('E-mail').fill(demoLearner.email);
  await page.getByLabel('Password').fill(demoLearner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/user/);

  const paths = ['/user', '/user/formations', '/user/formations?status=active', '/user/formations/next', '/formations', '/compte'];
  await page.goto('/user/formations');
  const first = await page.locator('article.card a[href^="/user/formations/"]').first().getAttribute('href');
  if (first) paths.push(first);
  for (const path of paths) {
    await page.goto(path);
    await hydrated(page);
    await expectEnglish(page, path);
  }
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} ${v.help}`)).toEqual([]);
  expect(console.filter((m) => /hydrat/i.test(m))).toEqual([]);

  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  // No cookie now, so French; the admin switches to English.
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/(user|admin)/);
  for (const path of ['/admin', '/admin/formations']) {
    await page.goto(path);
    await hydrated(page);
    await expectEnglish(page, path);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the switch and the login work in English', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expectEnglish(page, '/login (no JavaScript)');
    await page.getByLabel('E-mail').fill(demoLearner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Wrong e-mail or password.')).toBeVisible();
    await expectEnglish(page, '/login after an error (no JavaScript)');
    await page.getByLabel('Password').fill(demoLearner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/user/);
    await expectEnglish(page, page.url());
    // Back to French for the other tests' sake (the cookie only: no profile was written).
    await page.getByRole('button', { name: 'FR' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});
