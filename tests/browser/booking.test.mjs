// G5 in a real browser: the demo parent opens Rémi's month, ticks a day, reads the summary and confirms it, then sees
// the day booked; the same with JavaScript off; the enrolments page with a field error; the agents' pending
// enrolments. Every page passes axe-core at 1280 px and at 360 px. The day is chosen from what the calendar shows
// (booking decisions follow the real date), never written here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  errorStateViolations, launchBrowser, noViolations, noViolationsWithoutScript, signIn, startDemo, submit,
} from './harness.mjs';

const C = '/chanteloup-les-vignes/';
const PARENT = ['marie.dupont', 'le chat dort sur le radiateur'];
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

// axe on the page as it is, at 1280 px then at 360 px (the viewport resized, the page not reloaded).
async function checkWidths(page, what) {
  const original = page.viewportSize();
  try {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await noViolations(browser, page, `${what} at ${width}px`);
    }
  } finally {
    await page.setViewportSize(original);
  }
}

async function signedIn(account, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const response = await signIn(server, page, ...account);
  assert.equal(response.status(), 303, 'signed in');
  return page;
}

// Rémi's calendar, reached as a parent does: his family, his page, "Voir et réserver ses jours".
async function openCalendar(page) {
  await page.goto(server.base + C + 'ma-famille');
  await Promise.all([page.waitForURL(/enfants\/\d+$/), page.getByRole('link', { name: /Rémi/ }).first().click()]);
  await Promise.all([page.waitForURL(/reservations$/),
    page.getByRole('link', { name: 'Voir et réserver ses jours' }).click()]);
}

// Goes forward month by month (four at most) until a day can be ticked; skips the days in `taken`. Returns the
// checkbox's value (the ISO day) and its form.
async function firstBookableDay(page, taken = []) {
  for (let month = 0; month < 4; month += 1) {
    const boxes = page.locator('input.month-grid__check[name="jour"]');
    const count = await boxes.count();
    for (let i = 0; i < count; i += 1) {
      const box = boxes.nth(i);
      const day = await box.getAttribute('value');
      if (!taken.includes(day)) {
        return { box, day, id: await box.getAttribute('id'), form: box.locator('xpath=ancestor::form[1]') };
      }
    }
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Mois suivant' }).click()]);
    await page.waitForURL(/mois=/);
  }
  throw new Error('no bookable day in the next four months');
}

// Each page is checked by axe at both widths: in the page itself, or, with JavaScript off, replayed with scripts
// blocked in a checking context.
async function bookOneDay(page, what, { javaScript, taken = [] }) {
  const check = javaScript ? (where) => checkWidths(page, where) : (where) => noViolationsWithoutScript(browser, page, where);
  await openCalendar(page);
  await check(`${what}: calendar`);
  const chosen = await firstBookableDay(page, taken);
  await check(`${what}: calendar of the month with a bookable day`);
  await page.locator(`label[for="${chosen.id}"]`).click();
  assert.ok(await chosen.box.isChecked(), `${what}: the day is ticked by its label`);
  const summary = await submit(page, chosen.form.getByRole('button', { name: 'Voir le récapitulatif des jours cochés' }));
  assert.equal(summary.status(), 200, `${what}: summary`);
  const lines = page.locator('tr.summary-line');
  assert.equal(await lines.count(), 1, `${what}: one line in the summary`);
  const [year, month, day] = chosen.day.split('-');
  assert.match(await lines.first().innerText(), new RegExp(`${day}/${month}/${year}`), `${what}: the day ticked`);
  assert.match(await page.locator('tfoot').innerText(), /€/, `${what}: the total`);
  await check(`${what}: summary`);
  const done = await submit(page, page.getByRole('button', { name: 'Confirmer la réservation' }));
  assert.equal(done.status(), 303, `${what}: confirmed`);
  assert.match(page.url(), new RegExp(`mois=${year}-${month}`), `${what}: back on the month of the day`);
  await page.getByText('Vos réservations sont enregistrées.').waitFor();
  const cell = page.locator(`td:has(input[value="${chosen.day}"][name="annuler_jour"])`).first();
  assert.match(await cell.getAttribute('class'), /month-grid__day--booked/, `${what}: the day shows booked`);
  assert.match(await cell.innerText(), /Réservé/, `${what}: the day says it is booked`);
  assert.equal(await page.locator(`input[name="jour"][value="${chosen.day}"]`).count(), 0,
    `${what}: the booked day cannot be ticked again`);
  await check(`${what}: calendar with the day booked`);
  return chosen.day;
}

let bookedWithScript;

test('the parent books a day from the calendar through its summary (axe at 1280 and 360 px)', async () => {
  const page = await signedIn(PARENT);
  bookedWithScript = await bookOneDay(page, 'with JavaScript', { javaScript: true });
  await page.context().close();
});

test('the same without JavaScript', async () => {
  const page = await signedIn(PARENT, { javaScriptEnabled: false });
  const day = await bookOneDay(page, 'without JavaScript', { javaScript: false, taken: [bookedWithScript] });
  assert.notEqual(day, bookedWithScript);
  await page.context().close();
});

test('the enrolments page shows a field error accessibly', async () => {
  const page = await signedIn(PARENT);
  await openCalendar(page);
  await page.goto(page.url().replace(/reservations(\?.*)?$/, 'inscriptions'));
  await page.getByRole('heading', { name: 'Inscriptions', level: 1 }).waitFor();
  await checkWidths(page, 'enrolments');
  const activities = await page.locator('#champ-activite option').evaluateAll((options) => options.map((o) => o.value));
  const activity = activities[activities.length - 1];
  await page.locator('#champ-activite').selectOption(activity);
  // A period the commune does not have (as a forged form would send): the server refuses it beside the field.
  await page.locator('#champ-periode').evaluate((select) => {
    const option = document.createElement('option');
    option.value = 'annee-999999';
    option.textContent = 'Année inconnue';
    select.append(option);
    select.value = option.value;
  });
  const form = page.locator('form[action$="/inscriptions"]');
  await form.evaluate((element) => element.setAttribute('novalidate', ''));
  const refused = await submit(page, form.getByRole('button', { name: 'Envoyer l’inscription' }));
  const state = await errorStateViolations(browser, page, 'enrolment with an unknown period', refused);
  assert.ok(state.links.length >= 1);
  assert.equal(await page.locator('#champ-activite').inputValue(), activity, 'the activity chosen is kept');
  await page.context().close();
});

test('the agents see the pending enrolments (axe)', async () => {
  const page = await signedIn(AGENT);
  await page.goto(server.base + C + 'agents/inscriptions');
  await page.getByRole('heading', { name: 'Inscriptions à valider', level: 1 }).waitFor();
  await checkWidths(page, 'pending enrolments');
  await page.context().close();
});

test('Rémi’s profile shows his agenda, and an agent books for the family at the guichet (axe)', async () => {
  const parent = await signedIn(PARENT);
  await parent.goto(server.base + C + 'ma-famille');
  await Promise.all([parent.waitForURL(/enfants\/\d+$/), parent.getByRole('link', { name: /Rémi/ }).first().click()]);
  await parent.getByRole('heading', { name: 'Agenda des activités', level: 2 }).waitFor();
  await checkWidths(parent, 'child profile with his agenda');
  await parent.context().close();

  const agent = await signedIn(AGENT);
  await agent.goto(server.base + C + 'agents/familles?q=Dupont');
  await Promise.all([agent.waitForURL(/agents\/familles\/\d+$/),
    agent.locator('th[scope="row"] a[href*="/agents/familles/"]').first().click()]);
  await Promise.all([agent.waitForURL(/enfants\/\d+\/reservations$/),
    agent.getByRole('link', { name: /Réservations – Rémi/ }).click()]);
  await agent.getByText('Au guichet : vous réservez pour la famille.', { exact: false }).first().waitFor();
  await checkWidths(agent, 'calendar at the guichet');
  const chosen = await firstBookableDay(agent, [bookedWithScript]);
  await agent.locator(`label[for="${chosen.id}"]`).click();
  const summary = await submit(agent, chosen.form.getByRole('button', { name: 'Voir le récapitulatif des jours cochés' }));
  assert.equal(summary.status(), 200, 'summary at the guichet');
  await checkWidths(agent, 'summary at the guichet');
  const done = await submit(agent, agent.getByRole('button', { name: 'Confirmer la réservation' }));
  assert.equal(done.status(), 303, 'confirmed at the guichet');
  assert.match(agent.url(), /agents\/familles\/\d+\/enfants\/\d+\/reservations/, 'back on the guichet’s calendar');
  const cell = agent.locator(`td:has(input[value="${chosen.day}"][name="annuler_jour"])`).first();
  assert.match(await cell.getAttribute('class'), /month-grid__day--booked/, 'the day shows booked');
  await agent.context().close();
});
