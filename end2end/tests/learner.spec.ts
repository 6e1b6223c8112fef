import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from './fixtures';
import { demoLearner, hydrated, liveLearner, loginAs, noJsLearner, watchConsole } from './helpers';

const cards = (page: Page) => page.locator('article.card');

test('stats and filters: the URL and the list change, the counts stay, nothing reloads', async ({ page }) => {
  const console = watchConsole(page);
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user/formations');
  await hydrated(page);

  const stats = page.getByRole('region', { name: 'Statistiques' });
  await expect(stats).toContainText('4Total Inscrit');
  await expect(stats).toContainText('1En Cours');
  await expect(stats).toContainText('1Terminées');
  await expect(stats).toContainText('1À Venir');
  await expect(cards(page)).toHaveCount(4);

  // A marker on window survives client-side navigation, not a reload.
  await page.evaluate(() => ((window as any).__noReload = true));
  const filters = page.getByRole('navigation', { name: 'Filtres' });
  await filters.getByRole('link', { name: /En cours/ }).click();
  await expect(page).toHaveURL(/\/user\/formations\?status=active$/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('En cours');
  await expect(filters.getByRole('link', { name: /En cours/ })).toHaveAttribute('aria-current', 'page');

  await filters.getByRole('link', { name: /À venir/ }).click();
  await expect(page).toHaveURL(/status=upcoming$/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('À venir');

  await filters.getByRole('link', { name: /Terminées/ }).click();
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('Terminée');
  await expect(filters).toContainText('Toutes (4)');
  await expect(stats).toContainText('4Total Inscrit');

  await filters.getByRole('link', { name: /Toutes/ }).click();
  await expect(page).toHaveURL(/\/user\/formations$/);
  await expect(cards(page)).toHaveCount(4);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  expect(console.filter((m) => /hydrat/i.test(m))).toEqual([]);
});

test('only the active formation has a join button, and it opens the meeting in a new tab', async ({ page, context }) => {
  await context.route('https://meet.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Meet</title>' }),
  );
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user/formations');
  await hydrated(page);

  const joins = page.getByRole('link', { name: /Rejoindre la session/ });
  await expect(joins).toHaveCount(1);
  const active = cards(page).filter({ hasText: 'En cours' });
  const join = active.getByRole('link', { name: /Rejoindre la session/ });
  await expect(join).toHaveAttribute('target', '_blank');
  await expect(join).toHaveAttribute('rel', 'noopener noreferrer');

  const [popup] = await Promise.all([context.waitForEvent('page'), join.click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe('https://meet.google.com/abc-defg-hij');
  await expect(page).toHaveURL(/\/user\/formations$/);

  for (const status of ['À venir', 'Terminée', 'Annulée']) {
    const card = cards(page).filter({ has: page.locator('.badge', { hasText: status }) });
    await expect(card.getByRole('link', { name: /Rejoindre/ })).toHaveCount(0);
    await expect(card.locator('.no-link')).toBeVisible();
  }
  const html = await page.content();
  expect(html).not.toContain('zoom.us/j/123456789');
  expect(html).not.toContain('secret123');
});

test('the countdown ticks in the browser', async ({ page }) => {
  await loginAs(page, liveLearner.email, liveLearner.password);
  await page.goto('/user/formations');
  await page.getByRole('link', { name: /Voir les séances/ }).click();
  await hydrated(page);
  const soon = page.locator('li.session', { hasText: 'Séance bientôt' }).locator('.countdown');
  await expect(soon).toHaveText(/^dans \d+ min \d\d s$/);
  const first = await soon.textContent();
  await expect(soon).not.toHaveText(first!, { timeout: 5_000 });
  await expect(page.locator('li.session', { hasText: 'Séance en cours' }).locator('.countdown')).toHaveText('En direct');
});

test('marking attendance updates the counts without a reload', async ({ page }) => {
  await loginAs(page, liveLearner.email, liveLearner.password);
  await page.goto('/user/formations');
  await hydrated(page);
  await page.getByRole('link', { name: /Voir les séances/ }).click();
  await expect(page).toHaveURL(/\/user\/formations\/\d+$/);
  await hydrated(page);
  await page.evaluate(() => ((window as any).__noReload = true));

  const live = page.locator('li.session', { hasText: 'Séance en cours' });
  await expect(page.locator('.attended-count')).toHaveText('0 / 1 séance passée · 2 au programme');
  await live.getByRole('button', { name: /Marquer ma présence/ }).click();
  await expect(live.locator('.present')).toHaveText('✓ Présent');
  await expect(page.locator('.attended-count')).toHaveText('1 / 1 séance passée · 2 au programme');
  await expect(live.getByRole('button', { name: /Marquer ma présence/ })).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

  // The upcoming session cannot be marked yet: no button.
  await expect(
    page.locator('li.session', { hasText: 'Séance bientôt' }).getByRole('button', { name: /Marquer/ }),
  ).toHaveCount(0);

  await page.goto('/user/formations');
  await expect(cards(page).first()).toContainText('1 / 1 séance passée · 2 au programme (100 %)');
});

test('the sessions page lists sessions with their state and replays', async ({ page }) => {
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user/formations');
  const completed = cards(page).filter({ has: page.locator('.badge', { hasText: 'Terminée' }) });
  await completed.getByRole('link', { name: /Voir les séances/ }).click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formation Expert');
  const sessions = page.getByRole('list', { name: 'Séances' }).locator('li');
  await expect(sessions.first()).toContainText('Séance 1');
  await expect(sessions.first()).toContainText('Passée');
  await expect(page.getByRole('link', { name: /Voir l'enregistrement/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Rejoindre/ })).toHaveCount(0);
  await expect(page.getByText('Formation terminée : le lien n\'est plus disponible.')).toBeVisible();
});

test('the next sessions page and the dashboard show what comes next', async ({ page }) => {
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user');
  await hydrated(page);
  await expect(page.getByRole('link', { name: /Formations Actives/ })).toContainText('1');
  await expect(page.getByRole('link', { name: /Formations Terminées/ })).toContainText('1');
  await expect(page.getByRole('link', { name: /Formations À Venir/ })).toContainText('1');
  await expect(page.locator('.next-card .countdown')).toHaveText(/^(dans .+|En direct)$/);
  await page.getByRole('link', { name: /Formations Actives/ }).click();
  await expect(page).toHaveURL(/status=active$/);

  await page.goto('/user/formations/next');
  await hydrated(page);
  const items = page.getByRole('list', { name: 'Prochaines sessions' }).locator('li');
  expect(await items.count()).toBeGreaterThan(2);
  const times = await items.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
  expect([...times].sort()).toEqual(times);
});

test('another learner\'s enrollment is the not-found page', async ({ page }) => {
  await loginAs(page, liveLearner.email, liveLearner.password);
  const response = await page.goto('/user/formations/1');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});

test('no serious or critical accessibility violation on the learner pages', async ({ page }) => {
  await loginAs(page, demoLearner.email, demoLearner.password);
  for (const path of ['/user', '/user/formations', '/user/formations?status=upcoming', '/user/formations/next', '/user/formations/1', '/login']) {
    await page.goto(path);
    await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
  }
});

test('the pages fit a 360 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, demoLearner.email, demoLearner.password);
  for (const path of ['/user', '/user/formations', '/user/formations/1', '/user/formations/next']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('screenshot of Mes Formations for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user/formations');
  await hydrated(page);
  await page.screenshot({ path: 'screenshots/mes-formations.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'screenshots/mes-formations-390.png', fullPage: true });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the core views render and the filters work as plain links', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(demoLearner.email);
    await page.getByLabel('Mot de passe').fill(demoLearner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/user\/formations$/);
    await expect(cards(page)).toHaveCount(4);
    await page.getByRole('navigation', { name: 'Filtres' }).getByRole('link', { name: /En cours/ }).click();
    await expect(page).toHaveURL(/status=active$/);
    await expect(cards(page)).toHaveCount(1);
    await expect(cards(page).first().locator('.countdown')).toHaveText(/^(dans .+|En direct)$/);

    await page.goto('/user');
    await expect(page.getByRole('link', { name: /Formations Actives/ })).toBeVisible();
    await page.goto('/user/formations/next');
    await expect(page.getByRole('list', { name: 'Prochaines sessions' })).toBeVisible();
    await page.goto('/user/formations/1');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formation Basic');
  });

  test('attendance can be marked without JavaScript', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(noJsLearner.email);
    await page.getByLabel('Mot de passe').fill(noJsLearner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: /Voir les séances/ }).click();
    const live = page.locator('li.session', { hasText: 'Séance en cours' });
    await expect(page.locator('.attended-count')).toHaveText('0 / 1 séance passée · 2 au programme');
    await live.getByRole('button', { name: /Marquer ma présence/ }).click();
    await expect(page).toHaveURL(/\/user\/formations\/\d+$/);
    await expect(live.locator('.present')).toHaveText('✓ Présent');
    await expect(page.locator('.attended-count')).toHaveText('1 / 1 séance passée · 2 au programme');
  });
});
