// G5 in a real browser: the demo's calendar, as a parent reads it, says which dates are still to be confirmed; the
// agents' catalogue page lists the catalogue, refuses a bad closure in place and records a good one; every page passes
// axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  errorStateViolations, field, launchBrowser, noViolations as checkPage, signIn, startDemo, submit,
} from './harness.mjs';

const C = '/chanteloup-les-vignes/';
let server;
let browser;

before(async () => {
  server = await startDemo();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a parent reads the calendar and sees which dates are still to be confirmed', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await signIn(server, page, 'marie.dupont', 'le chat dort sur le radiateur');
  await page.goto(server.base + C + 'calendrier');
  await page.getByRole('heading', { level: 1, name: /Calendrier scolaire/ }).waitFor();
  assert.match(await page.locator('main').innerText(), /pas encore été confirmées par la Ville/);
  assert.ok(await page.getByRole('table', { name: /Vacances scolaires 2026-2027/ }).isVisible());
  await checkPage(browser, page, 'calendar page');
  await context.close();
});

test('an agent reads the catalogue, and a bad closure is refused in place', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(server, page, 'agent@chanteloup.demo', 'le guichet unique de la ville');
  await page.goto(server.base + C + 'agents/catalogue');
  await page.getByRole('heading', { level: 1, name: 'Catalogue des activités' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Accueil périscolaire du matin/);
  await checkPage(browser, page, 'agents catalogue page');

  const form = page.locator('form[action$="catalogue/fermetures"]');
  await form.evaluate((element) => element.setAttribute('novalidate', ''));
  await form.locator('#champ-closure_day').fill('31/02/2026');
  const refused = await submit(page, form.locator('button[type="submit"]'));
  const state = await errorStateViolations(browser, page, 'closure form with a wrong date', refused);
  assert.ok(state.links.length >= 2, `errors listed: ${JSON.stringify(state.links)}`);
  assert.equal(await page.locator('#champ-closure_day').inputValue(), '31/02/2026', 'what was typed is kept');

  await page.locator('#champ-closure_day').fill('10/11/2026');
  await field(page, 'Motif').fill('Formation des animateurs');
  await page.locator('form[action$="catalogue/fermetures"] button[type="submit"]').click();
  await page.getByText('Formation des animateurs').first().waitFor();
  await context.close();
});
