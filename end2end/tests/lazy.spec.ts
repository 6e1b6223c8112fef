import { expect, Page, test } from './fixtures';
import { hydrated, watchConsole } from './helpers';

const ADMIN = { email: 'admin@formations.test', password: 'admin-demo-2026' };

/** The WebAssembly files a page downloads, by name (hash left out). */
function wasmRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/') && path.endsWith('.wasm')) names.push(path.slice('/pkg/'.length));
  });
  return names;
}

const adminCode = (names: string[]) => names.filter((n) => n.startsWith('split___admin_'));

test('the admin area downloads its code only when an admin opens it, and works once loaded', async ({ page }) => {
  const messages = watchConsole(page);
  const wasm = wasmRequests(page);
  await page.goto('/login');
  await hydrated(page);
  // The login page is in the main module: no lazily loaded code at all.
  expect(wasm.filter((n) => n.startsWith('split___') || n.startsWith('chunk_')), wasm.join('\n')).toEqual([]);

  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The router draws the admin area in place once its code has arrived.
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  expect(adminCode(wasm).some((n) => n.startsWith('split___admin_home_route_view')), wasm.join('\n')).toBe(true);

  // Another admin page, drawn by the router with the code it fetches.
  await page.locator('nav a[href="/admin/formations"]').first().click();
  await expect(page).toHaveURL(/\/admin\/formations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Formations' })).toBeVisible();
  expect(adminCode(wasm).some((n) => n.startsWith('split___admin_formations_route_view')), wasm.join('\n')).toBe(true);
  expect(messages.filter((m) => /hydrat|panicked|unreachable/i.test(m))).toEqual([]);
});

for (const [lang, text, reload] of [
  ['fr', "Cette page n'a pas pu se charger entièrement", 'Recharger'],
  ['en', 'This page could not load completely', 'Reload'],
] as const) {
  test(`a page whose code cannot be downloaded says so and offers to reload (${lang})`, async ({ page }) => {
    await page.goto('/login?next=%2Fadmin');
    await hydrated(page);
    if (lang === 'en') {
      await page.getByRole('button', { name: 'EN' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await hydrated(page);
    }
    await page.locator('#email').fill(ADMIN.email);
    await page.locator('#password').fill(ADMIN.password);
    await page.getByRole('button', { name: lang === 'fr' ? 'Se connecter' : 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await hydrated(page);

    // The network drops just as the admin opens the list of formations.
    const chunk = /\/pkg\/split___admin_formations_route_view[^/]*\.wasm/;
    await page.route(chunk, (route) => route.abort('internetdisconnected'));
    await page.locator('nav a[href="/admin/formations"]').first().click();
    const notice = page.getByRole('alert').filter({ hasText: text });
    await expect(notice).toBeVisible();
    const link = notice.getByRole('link', { name: reload });
    await expect(link).toBeFocused();

    // Back online: the link asks the server for the page afresh.
    await page.unroute(chunk);
    await link.click();
    await expect(page).toHaveURL(/\/admin(\/formations)?$/);
    await hydrated(page);
    await expect(page.locator('#app-crash')).toHaveCount(0);
    await expect(page.locator('main h1')).toBeVisible();
  });
}
