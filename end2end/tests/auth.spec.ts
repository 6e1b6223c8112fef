import { expect, test } from './fixtures';
import { hydrated, linkFromMail, loginAs, signUpAndConfirm, uniqueEmail, watchConsole } from './helpers';

const password = 'un mot de passe solide';
const newPassword = 'un tout nouveau mot de passe';

test('a visitor signs up, confirms from the mail, logs in, logs out and logs in again', async ({ page }) => {
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
  await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte mail' })).toBeVisible();

  // Not yet: the address is not confirmed.
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText("n'est pas encore confirmée");

  await page.goto(await linkFromMail(email, 'confirmer'));
  await hydrated(page);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  // The page the visitor was going to, carried from the sign-up.
  await expect(page).toHaveURL(/\/login\?confirme=1&next=%2Fuser%2Fformations$/);
  await expect(page.getByRole('status')).toContainText('Adresse e-mail confirmée');
  await hydrated(page);

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
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

test('a forgotten password is reset from the mail, then the new one logs in', async ({ page }) => {
  const email = uniqueEmail('oubli');
  await signUpAndConfirm(page, 'Oubli Test', email, password);

  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte existe pour cette adresse');

  await page.goto(await linkFromMail(email, 'reinitialiser'));
  await hydrated(page);
  await page.getByLabel('Nouveau mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/login\?reinitialise=1$/);
  await hydrated(page);

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/user\/formations$/);
  await expect(page.locator('.user-name')).toHaveText('Oubli Test');
});

test('the password is changed on /compte and the new one logs in', async ({ page }) => {
  const email = uniqueEmail('compte');
  await signUpAndConfirm(page, 'Compte Test', email, password);
  await loginAs(page, email, password);

  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByRole('heading', { name: 'Mon compte', level: 1 })).toBeVisible();
  await expect(page.getByText('Cette session')).toBeVisible();
  await hydrated(page);

  await page.getByLabel('Mot de passe actuel').fill('pas le bon');
  await page.getByLabel('Nouveau mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByRole('alert')).toHaveText('Le mot de passe actuel est incorrect.');

  await page.getByLabel('Mot de passe actuel').fill(password);
  await page.getByLabel('Nouveau mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByRole('status')).toContainText('Mot de passe modifié');

  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await loginAs(page, email, newPassword);
  await expect(page.locator('.user-name')).toHaveText('Compte Test');
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

  test('sign-up, confirmation, log-out and log-in still work', async ({ page }) => {
    const email = uniqueEmail('nojs');
    await page.goto('/signup');
    await page.getByLabel('Nom').fill('Sans JS');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/signup\?envoye=1$/);
    await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte mail' })).toBeVisible();

    await page.goto(await linkFromMail(email, 'confirmer'));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page).toHaveURL(/\/login\?confirme=1$/);

    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
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

  test('a forgotten password is reset without JavaScript', async ({ page }) => {
    const email = uniqueEmail('nojs-reset');
    await page.goto('/signup');
    await page.getByLabel('Nom').fill('Reset Sans JS');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/signup\?envoye=1$/);

    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(page).toHaveURL(/\/mot-de-passe-oublie\?envoye=1$/);

    // Following a reset link also proves the address: no confirmation needed.
    await page.goto(await linkFromMail(email, 'reinitialiser'));
    await page.getByLabel('Nouveau mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page).toHaveURL(/\/login\?reinitialise=1$/);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(newPassword);
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
