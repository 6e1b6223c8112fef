import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { demoLearner, hydrated, loginAs } from './helpers';

test('a learner downloads the certificate; an anonymous browser verifies it', async ({ page, browser }) => {
  await loginAs(page, demoLearner.email, demoLearner.password);
  await page.goto('/user/formations?status=completed');
  await hydrated(page);
  const card = page.locator('article.card').filter({ hasText: 'Formation Expert' });
  const download = page.waitForEvent('download');
  await card.getByRole('link', { name: 'Télécharger le certificat' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^certificat-FMT-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\.pdf$/);

  const href = await card.getByRole('link', { name: 'Lien de vérification' }).getAttribute('href');
  expect(href).toMatch(/^\/certificats\/FMT-/);

  // Someone without an account: an employer with the link or the QR code.
  const context = await browser.newContext();
  const anonymous = await context.newPage();
  await anonymous.goto(href!);
  await hydrated(anonymous);
  await expect(anonymous.getByRole('status')).toHaveText('Certificat valide');
  await expect(anonymous.locator('.certificate-learner')).toHaveText('Camille Martin');
  await expect(anonymous.getByText('apprenant@formations.test')).toHaveCount(0);
  const results = await new AxeBuilder({ page: anonymous }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} ${v.help}`)).toEqual([]);
  // In lower case and without dashes, the code still reads.
  await anonymous.goto(href!.toLowerCase().replace('/certificats/fmt-', '/certificats/').replaceAll('-', ''));
  await expect(anonymous.getByRole('status')).toHaveText('Certificat valide');
  await context.close();
});

test('a revoked demo certificate says so publicly', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, 'lea@formations.test', 'apprenant-demo-2026');
  await page.goto('/user/formations?status=completed');
  await expect(page.getByText('Certificat révoqué')).toBeVisible();
  await context.close();
});
