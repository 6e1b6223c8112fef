import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { demoLearner, hydrated, linkFromMail, loginAs, uniqueEmail, watchConsole } from './helpers';

// The product as people meet it (issue 17): the public catalogue, the
// request from ask to pay, the learner's menu and their phone.

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} ${v.help}`)).toEqual([]);
}

const PASSWORD = 'journey-password-2026';

test('a visitor finds a formation in the public catalogue, signs up from it, comes back and asks for a place', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('/formations');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue des formations');
  expect(await page.locator('.catalogue-card').count()).toBeGreaterThanOrEqual(4);
  // Never a meeting detail, for anybody.
  await expect(page.locator('body')).not.toContainText('zoom.us/j');
  await axeClean(page);

  await page.getByLabel('Rechercher').fill('gestion de portefeuille');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=gestion/);
  // Name, description or instructor: Basic and Expert say nothing of it.
  await expect(page.getByRole('link', { name: 'Formation Basic', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Formation Expert', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Gestion de portefeuille', exact: true }).click();
  await expect(page).toHaveURL(/\/formations\/\d+$/);
  await hydrated(page);
  const formation = new URL(page.url()).pathname;
  await expect(page.locator('.price')).toHaveText(/^390\s€$/);
  await expect(page.getByRole('heading', { name: 'Séances à venir' })).toBeVisible();
  await axeClean(page);

  // Sign up from here: the confirmation and the login bring the new
  // learner back to this formation.
  const email = uniqueEmail('catalogue');
  await page.getByRole('link', { name: /S'inscrire pour demander une place/ }).click();
  await expect(page).toHaveURL(/\/signup\?next=/);
  await hydrated(page);
  await page.getByLabel('Nom').fill('Alix Catalogue');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte mail' })).toBeVisible();
  await page.goto(await linkFromMail(email, 'confirmer'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/login\?confirme=1&next=/);
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(new RegExp(`${formation}$`));
  await hydrated(page);

  await page.getByRole('button', { name: /Demander l'inscription/ }).click();
  await expect(page.getByRole('status')).toContainText("Votre demande d'inscription est enregistrée");
  await expect(page.locator('.payment-instructions')).toContainText('IBAN FR76');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'screenshots/demande-confirmation.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'screenshots/demande-confirmation-390.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The request is on the learner's own pages too, and can be withdrawn.
  await page.goto('/user/formations');
  await hydrated(page);
  const open = page.locator('.my-requests');
  await expect(open).toContainText('Gestion de portefeuille');
  await expect(open).toContainText('En attente de paiement');
  await open.getByRole('button', { name: /Retirer ma demande/ }).click();
  await expect(page.getByRole('status')).toHaveText('Votre demande est retirée.');
  await expect(page.locator('.my-requests')).toHaveCount(0);

  // A new learner's dashboard points to the catalogue.
  await page.goto('/user');
  await hydrated(page);
  await expect(page.locator('main')).toContainText('Bienvenue !');
  await expect(page.getByRole('link', { name: 'Découvrir le catalogue' })).toBeVisible();

  // Signed out, Back never shows the signed-in menu again: the pages are
  // not kept by the browser (no-store), so Back asks the server.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page.locator('.user-name')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
  expect(console.filter((m) => /hydrat/i.test(m))).toEqual([]);
});

test('in English, the catalogue and a formation page read in English', async ({ page }) => {
  await page.goto('/formations');
  await hydrated(page);
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training catalogue');
  await expect(page.getByRole('button', { name: 'Filter' })).toBeVisible();
  await page.getByRole('link', { name: 'Formation Expert', exact: true }).click();
  await hydrated(page);
  await expect(page.locator('.price')).toHaveText('€690');
  await expect(page.getByRole('link', { name: /Sign up to ask for a place/ })).toBeVisible();
  await axeClean(page);
});

test('the menu marks the current page and, on a phone, the next session comes before the counters', async ({ page }) => {
  await loginAs(page, demoLearner.email, demoLearner.password);
  for (const [path, name] of [
    ['/user', 'Tableau de bord'],
    ['/user/formations', 'Mes Formations'],
    ['/user/formations/next', 'Prochaines sessions'],
  ]) {
    await page.goto(path);
    await hydrated(page);
    const current = page.locator('.site-header nav a[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveText(name);
  }
  await page.goto('/user');
  await hydrated(page);
  const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
  expect(await top('.widgets')).toBeLessThan(await top('section.next'));
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await top('section.next')).toBeLessThan(await top('.widgets'));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a learner asks for a place, reads how to pay, and withdraws from the dashboard', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill('demandeur@formations.test');
    await page.getByLabel('Mot de passe').fill('e2e-password-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/user/);
    await page.goto('/formations?q=Expert');
    await page.getByRole('link', { name: 'Formation Expert', exact: true }).click();
    await page.getByRole('button', { name: /Demander l'inscription/ }).click();
    await expect(page).toHaveURL(/\/formations\/\d+\?demande=1$/);
    await expect(page.getByRole('status')).toContainText("Votre demande d'inscription est enregistrée");
    await expect(page.locator('.payment-instructions')).toContainText('IBAN FR76');
    await page.goto('/user');
    const open = page.locator('.my-requests');
    await expect(open).toContainText('Formation Expert');
    await open.getByRole('button', { name: /Retirer ma demande/ }).click();
    await expect(page).toHaveURL(/\/user\?retire=1$/);
    await expect(page.getByRole('status')).toHaveText('Votre demande est retirée.');
  });
});

test('on a 390 px phone the admin lists scroll inside their box, never the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, 'admin@formations.test', 'admin-demo-2026');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/formations');
  await hydrated(page);
  const first = await page.locator('table a[href^="/admin/formations/"]').first().getAttribute('href');
  const id = first!.match(/\/admin\/formations\/(\d+)/)![1];
  for (const path of [
    '/admin',
    '/admin/formations',
    `/admin/formations/${id}/inscriptions`,
    `/admin/formations/${id}/presences`,
    `/admin/formations/${id}/seances`,
    '/admin/audit',
    '/admin/demandes',
  ]) {
    await page.goto(path);
    await hydrated(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(390);
  }
});
