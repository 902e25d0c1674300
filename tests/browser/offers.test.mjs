// G6 in a real browser: the agents' waiting lists and the page of an offer's mail link that offers nothing (an
// unknown token, opened without signing in) pass axe-core at 1280 px and at 360 px, and say what they are.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, noViolations, signIn, startDemo } from './harness.mjs';

const C = '/chanteloup-les-vignes/';
const AGENT = ['agent@chanteloup.demo', 'le guichet unique de la ville'];
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

async function checkWidths(page, what) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await noViolations(browser, page, `${what} at ${width}px`);
  }
}

test('the agents see the waiting lists (axe)', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  assert.equal((await signIn(server, page, ...AGENT)).status(), 303, 'signed in');
  const response = await page.goto(server.base + C + 'agents/listes-attente');
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: 'Listes d’attente', level: 1 }).waitFor();
  await checkWidths(page, 'waiting lists');
  await context.close();
});

test('an offer link that offers nothing says so, without signing in (axe)', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(server.base + C + 'offres?jeton=' + 'A'.repeat(43));
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Une place s’est libérée', level: 1 }).waitFor();
  await page.getByText('Ce lien ne correspond à aucune proposition de place').waitFor();
  await checkWidths(page, 'unknown offer link');
  await context.close();
});
