import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { hydrated, loginAs, signUpAndConfirm, uniqueEmail } from './helpers';

const ADMIN = { email: 'admin@formations.test', password: 'admin-demo-2026' };
const PASSWORD = 'rappels-e2e-2026';

test('a learner turns the e-mail reminders off and on, with and without JavaScript', async ({ page, browser }) => {
  const email = uniqueEmail('rappels');
  await signUpAndConfirm(page, 'Rappels E2E', email, PASSWORD);
  await loginAs(page, email, PASSWORD);
  await page.goto('/compte');
  await page.getByRole('link', { name: 'Choisir les rappels de vos séances' }).click();
  await expect(page).toHaveURL(/\/compte\/rappels$/);
  await hydrated(page);
  const box = page.getByLabel('E-mail la veille (24 h avant chaque séance)');
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Vos choix de rappels sont enregistrés.');
  await page.reload();
  await expect(page.getByLabel('E-mail la veille (24 h avant chaque séance)')).not.toBeChecked();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} ${v.help}`)).toEqual([]);

  // Without JavaScript: the same form, a plain post and a redirect back.
  const cookies = await page.context().cookies();
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(cookies);
  const noJs = await context.newPage();
  await noJs.goto('/compte/rappels');
  await noJs.getByLabel('E-mail la veille (24 h avant chaque séance)').check();
  await noJs.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(noJs).toHaveURL(/\/compte\/rappels\?ok=1$/);
  await expect(noJs.getByRole('status')).toHaveText('Vos choix de rappels sont enregistrés.');
  await expect(noJs.getByLabel('E-mail la veille (24 h avant chaque séance)')).toBeChecked();
  await context.close();
});

test('an admin reads the Envois page and filters it by state', async ({ page }) => {
  await page.goto('/login?next=%2Fadmin');
  await hydrated(page);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await hydrated(page);
  await page.getByRole('navigation', { name: /admin/i }).getByRole('link', { name: 'Envois' }).click();
  await expect(page).toHaveURL(/\/admin\/envois$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Envois' })).toBeVisible();
  await page.getByRole('link', { name: 'En échec' }).click();
  await expect(page).toHaveURL(/\/admin\/envois\?etat=failed$/);
  await expect(page.getByRole('link', { name: 'En échec' })).toHaveAttribute('aria-current', 'page');
});

test('a learner subscribes to the calendar feed and regenerates it', async ({ page, request }) => {
  const email = uniqueEmail('agenda');
  await signUpAndConfirm(page, 'Agenda E2E', email, PASSWORD);
  await loginAs(page, email, PASSWORD);
  await page.getByRole('link', { name: 'Mon agenda' }).click();
  await expect(page).toHaveURL(/\/user\/agenda$/);
  await hydrated(page);
  const url = await page.getByLabel('Adresse de votre agenda (iCalendar)').inputValue();
  expect(url).toMatch(/^http:\/\/[^/]+\/calendrier\/[0-9a-f]{64}\.ics$/);
  await expect(page.getByRole('link', { name: "S'abonner dans Google Agenda" })).toHaveAttribute(
    'href',
    /^https:\/\/calendar\.google\.com\/calendar\/r\?cid=webcal/,
  );
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await page.getByRole('button', { name: 'Régénérer' }).click();
  await expect(page.getByRole('status')).toContainText("l'ancienne ne fonctionne plus");
  await expect(page.getByLabel('Adresse de votre agenda (iCalendar)')).not.toHaveValue(url);
  expect((await request.get(url)).status()).toBe(404);
});
