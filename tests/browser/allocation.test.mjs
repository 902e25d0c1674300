// G6 in a real browser: a demo session put in pre-registration; the demo parent follows the link from Rémi's page to
// its request page (the published rules, the form), requests a place with JavaScript on and off, and the agent opens
// the session's requests. Every page passes axe-core at 1280 px and at 360 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { launchBrowser, noViolations, noViolationsWithoutScript, signIn, startDemo, submit } from './harness.mjs';

const C = '/chanteloup-les-vignes/';
const PARENT = ['marie.dupont', 'le chat dort sur le radiateur'];
const AGENT = ['agent@chanteloup.demo', 'le guichet unique de la ville'];
const SESSION = 'ete-2027-s1';
let server;
let browser;

function localIso(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

before(async () => {
  server = await startDemo();
  browser = await launchBrowser();
  const day = 24 * 3600 * 1000;
  const allocation = JSON.stringify({
    mode: 'pre_registration', opens_at: localIso(new Date(Date.now() - day)), closes_at: localIso(new Date(Date.now() + day)),
    priorities: [{ criterion: 'resident', weight: 100 }, { criterion: 'siblings_together', weight: 10 }],
    resident_postcodes: ['78570'],
  });
  // Behind the server's back, with the history line that tells it the catalogue changed.
  execFileSync('sqlite3', [server.database,
    `UPDATE holiday_session SET allocation = '${allocation}' WHERE code = '${SESSION}'; ` +
    "INSERT INTO catalog_event (commune_id, actor_id, kind, detail, at_us) SELECT id, NULL, 'catalog_edited', 'test', 0 FROM commune;"]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function checkWidths(page, what) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await noViolations(browser, page, `${what} at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signedIn(account, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const response = await signIn(server, page, ...account);
  assert.equal(response.status(), 303, 'signed in');
  return page;
}

async function openRequestPage(page) {
  await page.goto(server.base + C + 'ma-famille');
  await Promise.all([page.waitForURL(/enfants\/\d+$/), page.getByRole('link', { name: /Rémi/ }).first().click()]);
  await Promise.all([page.waitForURL(/preinscriptions\//),
    page.getByRole('link', { name: /Vacances d’été 2027|été 2027/ }).first().click()]);
  await page.getByRole('heading', { level: 1, name: /Pré-inscription/ }).waitFor();
}

test('the parent reads the rules and requests a place for the whole session (axe at 1280 and 360 px)', async () => {
  const page = await signedIn(PARENT);
  await openRequestPage(page);
  assert.match(await page.textContent('main'), /Famille domiciliée dans la commune\s:\s100 points/);
  await checkWidths(page, 'the request page');
  await submit(page, page.getByRole('button', { name: 'Demander une place pour toute la session' }));
  await page.getByText('Demande enregistrée.').first().waitFor();
  await checkWidths(page, 'the page with the request');
  await submit(page, page.getByRole('button', { name: 'Retirer ma demande' }));
  await page.getByText('Demande retirée.').first().waitFor();
});

test('the same without JavaScript', async () => {
  const page = await signedIn(PARENT, { javaScriptEnabled: false });
  await openRequestPage(page);
  await noViolationsWithoutScript(browser, page, 'the request page without JavaScript');
  await submit(page, page.getByRole('button', { name: 'Demander une place pour toute la session' }));
  await page.getByText('Demande enregistrée.').first().waitFor();
});

test('the agent opens the requests of the session', async () => {
  const page = await signedIn(AGENT);
  await page.goto(server.base + C + 'agents/preinscriptions/' + SESSION);
  await page.getByRole('heading', { level: 1, name: /Pré-inscriptions/ }).waitFor();
  await page.getByRole('table').waitFor();
  await checkWidths(page, 'the agents’ requests');
});
