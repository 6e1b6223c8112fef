import { expect, test } from './fixtures';
import { hydrated, uniqueEmail, watchConsole } from './helpers';

const password = 'un mot de passe solide';

test('a visitor signs up, logs out and logs in again', async ({ page }) => {
  const console = watchConsole(page);
  const email = uniqueEmail('camille');

  await page.goto('/user/formations');
  await expect(page).toHaveURL(/\/login\?next=%2Fuser%2Fformations$/);
  await hydrated(page);

  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page).toHaveURL(/\/signup\?next=/);
  await page.getByLabel('Nom').fill('Camille Test');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();

  await expect(page).toHaveURL(/\/user\/formations$/);
  await expect(page.getByRole('heading', { name: 'Mes Formations' })).toBeVisible();
  await expect(page.locator('.user-name')).toHaveText('Camille Test');
  await hydrated(page);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await hydrated(page);

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/user\/formations$/);
  await expect(page.locator('.user-name')).toHaveText('Camille Test');

  expect(console.filter((m) => /hydrat/i.test(m))).toEqual([]);
});

test('a wrong password says so and keeps the e-mail', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mail').fill('apprenant@formations.test');
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
  await expect(page.getByLabel('E-mail')).toHaveValue('apprenant@formations.test');
  await expect(page).toHaveURL(/\/login/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-up, log-out and log-in still work', async ({ page }) => {
    const email = uniqueEmail('nojs');
    await page.goto('/signup');
    await page.getByLabel('Nom').fill('Sans JS');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/user\/formations$/);
    await expect(page.locator('.user-name')).toHaveText('Sans JS');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('wrong password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
    await expect(page.getByLabel('E-mail')).toHaveValue(email);

    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/user\/formations$/);
  });
});

test('the demo learner can log in with the credentials the README gives', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mail').fill('apprenant@formations.test');
  await page.getByLabel('Mot de passe').fill('apprenant-demo-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/user\/formations$/);
  await expect(page.locator('.user-name')).toHaveText('Camille Martin');
});
