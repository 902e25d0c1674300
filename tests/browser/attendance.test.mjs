// G6 in a real browser, on a phone-sized page (360 px): the demo agent takes the roll of the TRAM at the École
// Victor Hugo for today, with JavaScript (taps sent in the background), then with the network cut (taps queued on the
// phone, "n marques en attente d'envoi", the roll reopened from the phone's copy) and back (every tap arrives once),
// and without JavaScript (plain forms). axe finds no violation on the roll, with and without JavaScript. The day's
// bookings are written behind the server's back: nothing can be booked for today through the pages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { launchBrowser, noViolations, noViolationsWithoutScript, signIn, startDemo, submit } from './harness.mjs';

const C = '/chanteloup-les-vignes/';
const AGENT = ['agent@chanteloup.demo', 'le guichet unique de la ville'];
const PHONE = { width: 360, height: 800 };
let server;
let browser;
let roll;
let remi;
let lea;

// Runs SQL on the demo's SQLite database behind the server's back, and returns the first column of the first row.
function sql(statement) {
  const script = 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=10)\n'
    + 'r = c.execute(sys.argv[2]).fetchone()\nc.commit()\nprint("" if r is None else r[0])';
  return execFileSync('/usr/bin/python3', ['-c', script, server.database, statement], { encoding: 'utf8' }).trim();
}

function todayInParis() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

before(async () => {
  server = await startDemo();
  browser = await launchBrowser();
  const day = todayInParis();
  const site = sql("SELECT id FROM catalog_site WHERE code = 'ecole-victor-hugo'");
  const tram = sql("SELECT id FROM catalog_activity WHERE code = 'tram'");
  remi = sql("SELECT id FROM child WHERE first_name = 'Rémi'");
  lea = sql("SELECT id FROM child WHERE first_name = 'Léa'");
  for (const child of [remi, lea]) {
    sql('INSERT INTO day_booking (commune_id, household_id, child_id, activity_id, site_id, day, status, timing, '
      + 'unit_price_cents, surcharge_cents, channel, booked_by, booked_at_us) SELECT c.commune_id, hc.household_id, '
      + `c.id, ${tram}, ${site}, '${day}', 'booked', 'on_time', 350, 0, 'guichet', `
      + "(SELECT id FROM account WHERE email_lower = 'agent@chanteloup.demo'), 0 FROM child c "
      + `JOIN household_child hc ON hc.child_id = c.id WHERE c.id = ${child}`);
  }
  roll = `${C}agents/pointage/${site}/${tram}/${day}`;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function agentOnPhone(options = {}) {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  const page = await context.newPage();
  const response = await signIn(server, page, ...AGENT);
  assert.equal(response.status(), 303, 'signed in');
  return page;
}

function taps(child) {
  return Number(sql(`SELECT COUNT(*) FROM attendance_tap WHERE child_id = ${child}`));
}

function mark(child) {
  return sql(`SELECT presence FROM attendance_mark WHERE child_id = ${child}`);
}

function card(page, name) {
  return page.locator('li.roll-child', { has: page.getByRole('heading', { name }) });
}

async function waitFor(condition, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

test('the roll is marked on a phone, also offline: every tap arrives once when the network is back', async () => {
  const page = await agentOnPhone();
  const context = page.context();
  // The roll, reached from the attendance page, then the site's page (activity and day), as the staff do.
  await page.goto(server.base + C + 'agents/pointage');
  await Promise.all([page.waitForURL(/pointage\/\d+$/), page.getByRole('link', { name: 'École Victor Hugo' }).click()]);
  const tram = sql("SELECT id FROM catalog_activity WHERE code = 'tram'");
  await page.getByLabel('Activité').selectOption(String(tram));
  await Promise.all([page.waitForURL((url) => url.pathname === roll),
    page.getByRole('button', { name: 'Ouvrir la liste d’appel' }).click()]);
  await noViolations(browser, page, 'the roll at 360px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll at 360px');
  await expectText(card(page, 'Dupont Rémi'), 'Sans porc');
  await expectText(card(page, 'Dupont Rémi'), 'Jeanne Martin');

  // The service worker is installed from the roll's own path, under the CSP.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.ok(scope.endsWith(`${C}agents/pointage/`), scope);

  // Online: a tap is sent in the background, the page stays.
  await card(page, 'Dupont Rémi').getByRole('button', { name: /^Présent/ }).click();
  await waitFor(() => taps(remi) === 1, 'the first tap');
  assert.equal(mark(remi), 'present');
  assert.equal(await card(page, 'Dupont Rémi').getAttribute('data-state'), 'present');

  // Offline: taps wait on the phone, and the page says how many.
  await context.setOffline(true);
  await card(page, 'Dupont Rémi').getByRole('button', { name: /^Absent/ }).click();
  await card(page, 'Dupont Léa').getByRole('button', { name: /^Présent/ }).click();
  await card(page, 'Dupont Léa').getByRole('button', { name: /^Absent/ }).click();
  const pending = page.locator('[data-pending]');
  await waitFor(async () => (await pending.textContent()) === '3 marques en attente d’envoi', 'the pending count');
  assert.equal(taps(remi), 1);
  assert.equal(taps(lea), 0);
  assert.equal(await card(page, 'Dupont Léa').getAttribute('data-state'), 'absent');
  await noViolations(browser, page, 'the roll with pending taps at 360px');

  // Reopened while offline, the roll comes from the phone's copy and still shows the waiting taps.
  await page.reload();
  await expectText(card(page, 'Dupont Rémi'), 'absent');
  await waitFor(async () => (await pending.textContent()) === '3 marques en attente d’envoi', 'the count after reload');

  // Back online: every tap arrives, once, in the order they were made; nothing is left waiting.
  await context.setOffline(false);
  await waitFor(async () => (await pending.textContent()) === '', 'the queue to empty', 20000);
  assert.equal(taps(remi), 2);
  assert.equal(taps(lea), 2);
  assert.equal(mark(remi), 'absent');
  assert.equal(mark(lea), 'absent');
  assert.equal(Number(sql("SELECT COUNT(*) FROM booking_event WHERE kind LIKE 'attendance_%'")), 4);
  assert.equal(Number(sql('SELECT COUNT(DISTINCT mark_id) FROM attendance_tap')), 4);
  await page.reload();
  assert.equal(await card(page, 'Dupont Léa').getAttribute('data-state'), 'absent');
  await context.close();
});

test('without JavaScript the plain forms mark the roll', async () => {
  const page = await agentOnPhone({ javaScriptEnabled: false });
  await page.goto(server.base + roll);
  await noViolationsWithoutScript(browser, page, 'the roll without JavaScript');
  const before = taps(remi);
  const response = await submit(page, card(page, 'Dupont Rémi').getByRole('button', { name: /^Présent/ }));
  assert.equal(response.status(), 303);
  assert.equal(taps(remi), before + 1);
  assert.equal(mark(remi), 'present');
  assert.equal(await card(page, 'Dupont Rémi').getAttribute('data-state'), 'present');
  await expectText(page.locator('.flash'), 'Pointage enregistré.');
  await noViolationsWithoutScript(browser, page, 'the roll after a tap without JavaScript');
  // The printable list.
  await page.goto(server.base + roll + '/impression');
  await noViolationsWithoutScript(browser, page, 'the printable roll');
  await page.context().close();
});

// The text may come from the page's script (a tap queued offline shown again after a reload): it is waited for, a
// few seconds at most, rather than read once.
async function expectText(locator, text) {
  let content = '';
  const end = Date.now() + 5000;
  while (!(content = (await locator.textContent()) ?? '').includes(text) && Date.now() < end) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.ok(content.includes(text), `expected ${JSON.stringify(text)} in ${JSON.stringify(content)}`);
}

test('the attendance and kitchen pages pass axe on a phone', async () => {
  const page = await agentOnPhone();
  for (const [path, what] of [['agents/pointage', 'the attendance page'], ['agents/cuisine', 'the kitchen page']]) {
    await page.goto(server.base + C + path);
    await noViolations(browser, page, `${what} at 360px`);
  }
  await page.getByRole('link', { name: 'Télécharger les comptes (CSV pour Excel)' }).waitFor();
  await page.goto(server.base + C + 'agents/pointage');
  await Promise.all([page.waitForURL(/pointage\/\d+$/), page.getByRole('link', { name: 'École Victor Hugo' }).click()]);
  await noViolations(browser, page, 'the site page at 360px');
  await page.context().close();
});
