import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test } from './fixtures';
import { hydrated, watchConsole } from './helpers';

const ADMIN = { email: 'admin@formations.test', password: 'admin-demo-2026' };
// Its own learner (made by start-server.sh), so the demo learner's formations stay as the learner tests expect.
const LEARNER = { email: 'candidat@formations.test', password: 'e2e-password-2026', name: 'Dominique Candidat' };

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return d.toISOString().slice(0, 10);
};

async function logIn(page: Page, who: { email: string; password: string }, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/\//g, '\\/')}$`));
}

async function learnerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, LEARNER, '/formations');
  return page;
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('an admin runs a formation from creation to attendance, export and cancellation', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = `Formation E2E ${Date.now()}`;

  // 1. Create a formation; a link on the wrong host is refused next to its field.
  await logIn(page, ADMIN, '/admin');
  await page.goto('/admin/formations/nouvelle');
  await hydrated(page);
  await page.getByLabel('Nom', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Stratégies avancées');
  await page.getByLabel('Niveau').selectOption('intermediate');
  await page.getByLabel('Plateforme').selectOption('google_meet');
  await page.getByLabel('Lien de session').fill('https://zoom.us/j/123456789');
  await page.getByLabel('Formateur').fill('John Doe');
  await page.getByLabel('Planning').fill('Mar-Jeu, 19h-21h');
  await page.getByRole('button', { name: 'Créer la formation' }).click();
  await expect(page.locator('#meeting_link-error')).toHaveText('Un lien Google Meet doit être sur meet.google.com.');
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue(name);
  await page.getByLabel('Lien de session').fill('https://meet.google.com/abc-defg-hij');
  await page.getByRole('button', { name: 'Créer la formation' }).click();
  await expect(page).toHaveURL(/\/admin\/formations\/\d+\?flash=formation-created/);
  await expect(page.locator('.flash')).toContainText('Formation créée');
  const id = page.url().match(/formations\/(\d+)/)![1];
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // 2. Generate its sessions: Tuesdays and Thursdays, 19h, 15 January to 15 February.
  await page.goto(`/admin/formations/${id}/seances`);
  await hydrated(page);
  const series = page.getByRole('region', { name: 'Générer une série' });
  await series.getByLabel('Jours', { exact: true }).fill('mar, jour férié');
  await series.getByLabel('Heure de début').fill('19:00');
  await series.getByLabel('Durée (minutes)').fill('120');
  await series.getByLabel('Du', { exact: true }).fill('2024-01-15');
  await series.getByLabel('Au', { exact: true }).fill('2024-02-15');
  await series.getByRole('button', { name: 'Prévisualiser' }).click();
  // Refused next to its field; what was typed stays.
  await expect(series.locator('#weekdays-error')).toContainText('Indiquez au moins un jour');
  await expect(series.getByLabel('Du', { exact: true })).toHaveValue('2024-01-15');
  await series.getByLabel('Jours', { exact: true }).fill('mar, jeu');
  await series.getByRole('button', { name: 'Prévisualiser' }).click();
  // The preview first: the dates, how many, the past ones flagged.
  const preview = page.getByRole('region', { name: /Aperçu : 10 séances/ });
  await expect(preview.locator('li')).toHaveCount(10);
  await expect(preview.locator('.flag.past')).toHaveCount(10);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'screenshots/apercu-serie.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'screenshots/apercu-serie-390.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  await hydrated(page);
  await preview.getByRole('button', { name: 'Créer ces 10 séances' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/formations/${id}/seances\\?flash=series-created`));
  await expect(page.locator('.flash')).toHaveText('Séances créées.');
  await expect(page.locator('.sessions-table tbody tr')).toHaveCount(10);
  await expect(page.locator('.sessions-table tbody tr').first()).toContainText('mardi 16 janvier 2024 à 19:00');

  // A formation made in the admin form is a draft: published once its
  // séances are there, it enters the catalogue.
  await page.goto(`/admin/formations/${id}`);
  await hydrated(page);
  await expect(page.locator('.draft-notice')).toContainText('Brouillon');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.locator('.draft-notice')).toHaveCount(0);

  // 3. The learner asks to enroll: waiting for payment.
  const learner = await learnerPage(browser);
  await hydrated(learner);
  await learner.getByRole('button', { name: `Demander l'inscription à ${name}` }).click();
  const myRequest = learner.locator('.request-state', { hasText: name });
  await expect(myRequest).toContainText('En attente de paiement');

  // 4. The admin confirms the payment; the learner sees it confirmed and running.
  await page.goto('/admin/demandes');
  await hydrated(page);
  const card = page.locator('.request-card', { hasText: name });
  await card.getByLabel('Date de début').fill(day(-1));
  await card.getByLabel('Date de fin').fill(day(30));
  await card.getByLabel('Nombre de séances (facultatif)').fill('10');
  await card.getByRole('button', { name: 'Confirmer le paiement' }).click();
  await expect(page.locator('.request-card', { hasText: name })).toHaveCount(0);
  await learner.reload();
  await expect(learner.locator('.request-state', { hasText: name })).toContainText('Paiement confirmé');
  await expect(learner.locator('.request-state', { hasText: name })).toContainText('En cours');
  // The learner's API and "Mes Formations" show it running, with its link.
  const active = (await (await learner.request.get('/api/auth/user/formations/')).json())
    .formations.find((f: { name: string }) => f.name === name);
  expect(active.status).toBe('active');
  expect(active.meeting_link).toBe('https://meet.google.com/abc-defg-hij');
  await learner.goto('/user/formations?status=active');
  await expect(
    learner.locator('article.card', { hasText: name }).getByRole('link', { name: /Rejoindre la session/ }),
  ).toBeVisible();
  await learner.goto('/formations');

  // 5. Attendance: mark the learner present at session 1.
  await page.goto(`/admin/formations/${id}/presences`);
  await hydrated(page);
  await page.getByRole('button', { name: `Marquer présent — ${LEARNER.name}, séance 1`, exact: true }).click();
  const marked = page.getByRole('button', { name: `Retirer la présence — ${LEARNER.name}, séance 1`, exact: true });
  await expect(marked).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('tr', { hasText: LEARNER.name })).toContainText('1/10 · 10.0 %');

  // 6. CSV download of the attendance grid.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Exporter en CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`presences-formation-${id}.csv`);
  const text = await (await download.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`${LEARNER.name};${LEARNER.email};Présent`);

  // 7. Cancel the enrollment (with confirmation): the learner sees it cancelled.
  await page.goto(`/admin/formations/${id}/inscriptions`);
  await hydrated(page);
  const row = page.locator('tr', { hasText: LEARNER.name });
  await row.getByLabel('Je confirme').check();
  await row.getByRole('button', { name: `Annuler l'inscription de ${LEARNER.name}` }).click();
  await expect(page.locator('tr', { hasText: LEARNER.name }).locator('.badge')).toHaveText('Annulée');
  await learner.reload();
  await expect(learner.locator('.request-state', { hasText: name })).toContainText('Annulée');
  // The link disappears at once: in the API and on "Mes Formations".
  const cancelled = (await (await learner.request.get('/api/auth/user/formations/')).json())
    .formations.find((f: { name: string }) => f.name === name);
  expect(cancelled.status).toBe('cancelled');
  expect(cancelled.meeting_link).toBeNull();
  expect(cancelled.meeting_password).toBeNull();
  await learner.goto('/user/formations');
  const cancelledCard = learner.locator('article.card', { hasText: name });
  await expect(cancelledCard.locator('.badge')).toHaveText('Annulée');
  await expect(cancelledCard.getByRole('link', { name: /Rejoindre/ })).toHaveCount(0);
  await learner.context().close();

  // 8. The audit log lists what happened.
  await page.goto('/admin/audit');
  await expect(page.getByRole('cell', { name: 'enrollment.cancel' }).first()).toBeVisible();
});

test('admin pages have no serious or critical accessibility violation', async ({ page }) => {
  // Ten pages, each hydrated and scanned by axe: more than the default 30 s
  // on a loaded 2-core machine.
  test.setTimeout(90_000);
  await logIn(page, ADMIN, '/admin');
  const paths = ['/admin', '/admin/formations', '/admin/formations/nouvelle', '/admin/demandes', '/admin/audit', '/formations'];
  await page.goto('/admin/formations');
  const first = await page.locator('.admin-table tbody a').first().getAttribute('href');
  paths.push(first!, `${first}/seances`, `${first}/inscriptions`, `${first}/presences`);
  const messages = watchConsole(page);
  for (const path of paths) {
    await page.goto(path);
    await hydrated(page);
    await expectNoSeriousA11yViolations(page);
  }
  expect(messages.filter((m) => /hydrat/i.test(m))).toEqual([]);
});

test('a learner is refused the admin area', async ({ page }) => {
  await logIn(page, LEARNER, '/formations');
  const response = await page.goto('/admin/formations');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused formation form comes back with the typed values and the message by its field', async ({ page }) => {
    await page.goto('/login?next=%2Fadmin');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto('/admin/formations/nouvelle');
    await page.getByLabel('Nom', { exact: true }).fill('Sans JS');
    await page.getByLabel('Plateforme').selectOption('teams');
    await page.getByLabel('Lien de session').fill('https://zoom.us/j/1');
    await page.getByLabel('Formateur').fill('Jane');
    await page.getByLabel('Planning').fill('Lun, 9h');
    await page.getByRole('button', { name: 'Créer la formation' }).click();
    await expect(page).toHaveURL(/error=a-link-teams/);
    await expect(page.locator('#meeting_link-error')).toContainText('teams.microsoft.com');
    await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Sans JS');
    await expect(page.getByLabel('Plateforme')).toHaveValue('teams');
  });
});
