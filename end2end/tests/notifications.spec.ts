import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as path from 'path';
import { expect, test } from './fixtures';
import { hydrated, loginAs, uniqueEmail } from './helpers';

const PASSWORD = 'notices-e2e-2026';
const BIN = process.env.FORMATIONS_BIN ?? path.join(__dirname, '..', '..', 'target', 'debug', 'formations');
/** The database start-server.sh serves. */
const DATABASE_URL = `sqlite://${path.join(__dirname, '..', '.tmp', 'e2e.db')}`;

/** Runs the management CLI on the served database; answers its stdout. */
function cli(...args: string[]): string {
  return execFileSync(BIN, args, { env: { ...process.env, DATABASE_URL, LANG: 'C' }, encoding: 'utf8' }).trim();
}

/** A learner enrolled in a formation of their own whose one séance starts in an hour. */
function learnerWithSeance(prefix: string): { email: string; startsAt: Date } {
  const email = uniqueEmail(prefix);
  cli('user', 'create', '--email', email, '--name', 'Notices E2E', '--password', PASSWORD);
  const formation = cli(
    'formation', 'create', '--name', `Notices ${prefix}`, '--description', 'Pour les notifications',
    '--level', 'beginner', '--platform', 'zoom', '--meeting-link', 'https://zoom.us/j/123454321',
    '--instructor', 'Jane Smith', '--schedule', 'Une fois',
  );
  const startsAt = new Date(Date.now() + 60 * 60_000);
  startsAt.setUTCSeconds(0, 0);
  cli('session', 'add', '--formation', formation, '--number', '1', '--title', 'Séance des notifications',
    '--at', startsAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), '--duration-minutes', '60');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  cli('enroll', '--email', email, '--formation', formation, '--start-date', day(-1), '--end-date', day(10),
    '--total-sessions', '1');
  return { email, startsAt };
}

test('a notice written by the CLI raises the bell and shows a toast without reload', async ({ page }) => {
  const { email, startsAt } = learnerWithSeance('cloche');
  await loginAs(page, email, PASSWORD);
  await hydrated(page);
  const bell = page.getByRole('link', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications, aucune non lue');
  // Marks the document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  const at = new Date(startsAt.getTime() - 14 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const printed = cli('reminders', 'run-once', '--now', at);
  expect(printed).toContain(`in_app → ${email}`);

  const toast = page.locator('.toast');
  await expect(toast).toContainText('La séance « Séance des notifications » commence dans 15 min');
  await expect(page.locator('.bell-count')).toHaveText('1');
  await expect(bell).toHaveAccessibleName('Notifications, 1 non lue');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // "Rejoindre" opens the séance's entry, where the join button obeys the active rule.
  await toast.getByRole('link', { name: 'Rejoindre' }).click();
  await expect(page).toHaveURL(/\/user\/formations\/\d+#seance-\d+$/);

  // The notifications page lists it; "Tout marquer comme lu" empties the bell.
  await page.goto('/user/notifications');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(page.getByText('1 notification non lue.')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} ${v.help}`)).toEqual([]);
  // A plain form: back to the page, read afresh, bell included.
  await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await expect(page).toHaveURL(/\/user\/notifications(\?ok=1)?$/);
  await expect(page.getByText('Tout est lu.')).toBeVisible();
  await expect(page.locator('.notice-item.unread')).toHaveCount(0);
  await expect(bell).toHaveAccessibleName('Notifications, aucune non lue');
});

test('the service worker registers and the browser subscription reaches the server', async ({ page, context }) => {
  const { email } = learnerWithSeance('push');
  await context.grantPermissions(['notifications']);
  // Headless Chromium has no push service to subscribe with (it would ask
  // Google's): the browser's subscribe() answers a subscription of a local
  // push endpoint instead, with real P-256 keys. Everything else is real:
  // the service worker, the permission, the key fetch and the POST.
  const ecdh = crypto.createECDH('prime256v1');
  const subscription = {
    endpoint: 'http://127.0.0.1:9/push/e2e',
    keys: {
      p256dh: ecdh.generateKeys().toString('base64url'),
      auth: crypto.randomBytes(16).toString('base64url'),
    },
  };
  await page.addInitScript((fake) => {
    let subscribed: object | null = null;
    // A PushSubscription as far as the app can tell (instanceof holds; its
    // own properties answer what the browser's would).
    const make = () =>
      Object.setPrototypeOf(
        {
          endpoint: fake.endpoint,
          toJSON: () => fake,
          unsubscribe: async () => ((subscribed = null), true),
        },
        PushSubscription.prototype,
      );
    PushManager.prototype.getSubscription = async function () {
      return subscribed;
    };
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      if (!options?.applicationServerKey) throw new Error('no application server key');
      (window as unknown as { serverKey: unknown }).serverKey = options.applicationServerKey;
      subscribed = make();
      return subscribed as PushSubscription;
    };
  }, subscription);

  await loginAs(page, email, PASSWORD);
  await page.goto('/compte/rappels');
  await hydrated(page);
  const toggle = page.getByRole('switch', { name: 'Recevoir les notifications' });
  await expect(page.getByText('Ce navigateur ne reçoit pas encore les notifications push.')).toBeVisible();
  const posted = page.waitForResponse(
    (r) => r.url().endsWith('/api/auth/user/push-subscriptions/') && r.request().method() === 'POST',
  );
  await toggle.check();
  const response = await posted;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual(subscription);
  await expect(page.getByText('Ce navigateur reçoit les notifications push de vos séances.')).toBeVisible();
  await expect(toggle).toBeChecked();

  // The real service worker, from /sw.js, controls the site.
  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { script: registration.active?.scriptURL, scope: registration.scope };
  });
  expect(worker.script).toMatch(/\/sw\.js$/);
  expect(worker.scope).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  // Off again: the server forgets this browser.
  const deleted = page.waitForResponse(
    (r) => r.url().endsWith('/api/auth/user/push-subscriptions/') && r.request().method() === 'DELETE',
  );
  await toggle.uncheck();
  expect((await deleted).status()).toBe(204);
  await expect(page.getByText('Ce navigateur ne reçoit pas encore les notifications push.')).toBeVisible();
});
