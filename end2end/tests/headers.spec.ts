import { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoLearner, hydrated, loginAs } from './helpers';

const ADMIN = { email: 'admin@formations.test', password: 'admin-demo-2026' };

function expectSecurityHeaders(what: string, res: APIResponse) {
  const h = res.headers();
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  const csp = h['content-security-policy'] ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("'wasm-unsafe-eval'");
  expect(csp, what).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
}

function expectPrivate(what: string, res: APIResponse) {
  expectSecurityHeaders(what, res);
  expect(res.headers()['cache-control'], what).toBe('no-store');
  // Compressed answers add `Accept-Encoding` to the list.
  expect(res.headers()['vary'], what).toContain('Cookie, Authorization');
}

test('every kind of answer carries the security headers, and dynamic ones are never cached', async ({ page }) => {
  // Anonymous: the login page and the redirect of a protected page.
  const login = await page.request.get('/login');
  expect(login.status()).toBe(200);
  expectPrivate('login page', login);
  const redirect = await page.request.get('/user/formations', { maxRedirects: 0 });
  expect(redirect.status()).toBe(303);
  expectPrivate('redirect to login', redirect);

  // The app's own files: security headers, but cacheable; their names
  // change with their content, so browsers keep them for a year.
  const stylesheet = (await login.text()).match(/href="(\/pkg\/formations\.[A-Za-z0-9_-]{22}\.css)"/);
  expect(stylesheet, 'the page names the stylesheet by its hash').not.toBeNull();
  const css = await page.request.get(stylesheet![1]);
  expect(css.status()).toBe(200);
  expectSecurityHeaders('stylesheet', css);
  expect(css.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  await loginAs(page, demoLearner.email, demoLearner.password);
  for (const [what, path, status] of [
    ['learner page', '/user/formations', 200],
    ['dashboard', '/user', 200],
    ['catalogue', '/formations', 200],
    ['not-found page', '/user/formations/999999', 404],
    ['unknown path', '/nulle/part', 404],
    ['admin page as a learner', '/admin', 403],
  ] as const) {
    const res = await page.request.get(path);
    expect(res.status(), what).toBe(status);
    expectPrivate(what, res);
  }
  // A POST with the session cookie must name this site as its origin.
  const origin = new URL(page.url()).origin;
  const fn = await page.request.post('/fn/my_formations', {
    headers: { Accept: 'application/json', Origin: origin },
  });
  expect(fn.status()).toBe(200);
  expectPrivate('server function', fn);
  const api = await page.request.get('/api/auth/user/formations/');
  expect(api.status()).toBe(200);
  expectPrivate('REST', api);
});

test('admin pages carry the headers and hydrate under the policy', async ({ page }) => {
  await loginAs(page, ADMIN.email, ADMIN.password);
  const res = await page.goto('/admin/formations');
  expect(res?.status()).toBe(200);
  expectPrivate('admin page', await page.request.get('/admin/formations'));
  await hydrated(page);
});

test('the nonce of the policy is the one on the page scripts, new for every answer', async ({ page }) => {
  const first = await page.goto('/login');
  const csp = (await first!.allHeaders())['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  await hydrated(page);
  const again = await page.request.get('/login');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);
});
