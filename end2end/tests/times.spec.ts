import { expect, test } from './fixtures';
import { demoLearner, hydrated, loginAs, watchConsole } from './helpers';

// The demo's active formation meets at 19:00 in Paris. A reader in Montréal
// (Toronto's zone) reads their own time with its zone's short name, then
// Paris's; without JavaScript, the server's text names Paris.

test.describe('a reader in Montréal', () => {
  test.use({ timezoneId: 'America/Toronto' });

  test('reads the next session in local time with its zone, then the time in Paris', async ({ page }) => {
    const console = watchConsole(page);
    await loginAs(page, demoLearner.email, demoLearner.password);
    await page.goto('/user/formations?status=active');
    await hydrated(page);
    const card = page.locator('article.card').first();
    const next = card.locator('.next-session time');
    // 19:00 in Paris is 13:00 in Montréal, 14:00 in the weeks when one
    // has changed to or from summer time and the other not yet.
    await expect(next).toHaveText(/à 1[34]:00 UTC−[45] · 19:00 à Paris$/);
    await expect(card).toContainText('Mar-Jeu, 19h-21h (heure de Paris)');
    await expect(card).toContainText(/Période\s*\d{1,2} \p{L}+ 20\d\d – \d{1,2} \p{L}+ 20\d\d/u);
    expect(console.filter((m) => /hydrat/i.test(m))).toEqual([]);
  });

  test('in English, with the English conventions', async ({ page, baseURL }) => {
    await loginAs(page, demoLearner.email, demoLearner.password);
    // The cookie alone (the switch would save the choice in the profile).
    await page.context().addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
    await page.goto('/user/formations?status=active');
    await hydrated(page);
    const next = page.locator('article.card .next-session time').first();
    await expect(next).toHaveText(/^\w+day, \w+ \d{1,2}, 20\d\d at [12]:00 PM E[SD]T · 7:00 PM in Paris$/);
    await expect(page.locator('article.card').first()).toContainText('(Paris time)');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, timezoneId: 'America/Toronto' });

  test('the server names the formation’s zone', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(demoLearner.email);
    await page.getByLabel('Mot de passe').fill(demoLearner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.goto('/user/formations?status=active');
    await expect(page.locator('article.card .next-session time').first()).toHaveText(
      /^\p{L}+ \d{1,2} \p{L}+ 20\d\d à 19:00 \(heure de Paris\)$/u,
    );
  });
});
