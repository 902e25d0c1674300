// G3 in a real browser: an agent creates a household and issues a key; the parent enters it in "Mon espace" by its
// label and finds his family; every family page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  errorStateViolations, field, launchBrowser, noViolations as checkPage, signIn as signInTo, startDemo, submit,
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

async function invited(email, role, password) {
  const out = server.cli('agent', 'add', 'chanteloup-les-vignes', '--email', email, '--role', role,
    '--first-name', 'Anne', '--last-name', 'Agent');
  const link = /http\S+definir-mot-de-passe\S+/.exec(out)[0].replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel(/mot de passe/i).first().fill(password);
  await page.getByRole('button').filter({ hasText: /mot de passe/i }).click();
  await signInTo(server, page, email, password);
  await page.waitForURL(/agents\/$/);
  return page;
}

test('an agent records a family, the parent links his key and sees it', async () => {
  const admin = await invited('familles@mairie.example.fr', 'admin', 'les familles de la ville');
  await admin.goto(server.base + C + 'agents/familles');
  await checkPage(browser, admin, 'families search');
  await admin.goto(server.base + C + 'agents/familles/nouvelle');
  await checkPage(browser, admin, 'new household form');
  // Only the address line: the other required fields are missing (browser validation off, so that the server answers).
  const form = admin.locator('form[action$="familles/nouvelle"]');
  await field(admin, 'Numéro et voie').fill('18 avenue de Poissy');
  await form.evaluate((element) => element.setAttribute('novalidate', ''));
  const incomplete = await submit(admin, form.locator('button[type="submit"]'));
  const householdErrors = await errorStateViolations(browser, admin, 'new household form with missing fields',
    incomplete);
  assert.ok(householdErrors.links.length >= 3, `missing fields listed: ${JSON.stringify(householdErrors.links)}`);
  assert.equal(await field(admin, 'Numéro et voie').inputValue(), '18 avenue de Poissy', 'what was typed is kept');
  await field(admin, 'Code postal').fill('78570');
  await field(admin, 'Commune').fill('Chanteloup-les-Vignes');
  await form.locator('#champ-rep1_civility').selectOption('madame');
  await form.locator('#champ-rep1_last_name').fill('Dupont');
  await form.locator('#champ-rep1_first_name').fill('Marie');
  await form.locator('#champ-rep1_relationship').selectOption('mother');
  await form.locator('button[type="submit"]').click();
  await admin.waitForURL(/agents\/familles\/\d+$/);
  await checkPage(browser, admin, 'household page');

  const child = admin.locator('form[action$="/enfants"]');
  await child.locator('#champ-child-last_name').fill('Dupont');
  await child.locator('#champ-child-first_name').fill('Rémi');
  await child.locator('#champ-child-birth_date').fill('2016-09-01');
  await child.locator('#champ-child-sex').selectOption('male');
  await child.locator('button[type="submit"]').click();
  await admin.getByText('Rémi').first().waitFor();

  await admin.locator('form[action$="/cle"] button').first().click();
  const key = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(await admin.locator('main').innerText())[0];

  // The parent signs up without a key, confirms through the held mail, then enters the key in "Mon espace".
  const family = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const parent = await family.newPage();
  await parent.goto(server.base + C + 'creer-mon-espace');
  await field(parent, 'Civilité').selectOption('madame');
  await field(parent, 'Nom').fill('Dupont');
  await field(parent, 'Prénom').fill('Marie');
  await field(parent, 'Numéro et voie').fill('18 avenue de Poissy');
  await field(parent, 'Code postal').fill('78570');
  await field(parent, 'Commune').fill('Chanteloup-les-Vignes');
  await field(parent, 'Adresse électronique').fill('marie.famille@example.fr');
  await field(parent, 'Nom d’utilisateur').fill('marie.famille');
  await field(parent, 'Mot de passe').fill('le chat dort sur le radiateur');
  await parent.getByRole('button', { name: /Créer mon espace/ }).click();
  await admin.goto(server.base + C + 'agents/courriels');
  await admin.getByRole('link', { name: /Confirmez/ }).first().click();
  const confirmLink = await admin.locator('a[href*="confirmer-mon-adresse"]').first().getAttribute('href');
  await parent.goto(confirmLink.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base));
  await parent.getByRole('button', { name: /Confirmer/ }).click();
  await signInTo(server, parent, 'marie.famille', 'le chat dort sur le radiateur');
  await parent.waitForURL(/mon-espace$/);
  await checkPage(browser, parent, 'home before linking');
  await field(parent, 'Clé enfance').fill('ZZZZ-ZZZZ-ZZZZ');
  const wrongKey = await submit(parent, parent.locator('form[action$="cle-enfance"] button'));
  await errorStateViolations(browser, parent, 'Mon espace: clé enfance form with a wrong key', wrongKey);
  await field(parent, 'Clé enfance').fill(key.toLowerCase());
  await parent.locator('form[action$="cle-enfance"] button').click();
  await parent.waitForURL(/mon-espace$/);
  assert.match(await parent.locator('main').innerText(), /Rémi/);
  await parent.getByRole('link', { name: 'Rémi' }).first().click();
  await checkPage(browser, parent, 'child profile');
  await parent.goto(server.base + C + 'ma-famille');
  await checkPage(browser, parent, 'Ma famille');
  const authorised = parent.locator('form[action$="personnes-autorisees"]');
  await authorised.locator('[name="last_name"]').fill('Martin');
  await authorised.locator('[name="first_name"]').fill('Paul');
  await authorised.locator('[name="phone"]').fill('12 34');
  const badPhone = await submit(parent, authorised.locator('button[type="submit"]'));
  const authorisedErrors = await errorStateViolations(browser, parent, 'Ma famille: authorised person with a bad phone',
    badPhone);
  assert.ok(authorisedErrors.links.some((link) => /phone$/.test(link.target)), JSON.stringify(authorisedErrors.links));
  await parent.goto(server.base + C + 'ma-famille');
  const width = await parent.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);
  await family.close();
  await admin.context().close();
});
