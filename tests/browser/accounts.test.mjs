// G2 in a real browser: a family creates its space by filling the form by its labels, an administrator reads the
// held confirmation mail in the back office and the family follows the link; every page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { field, launchBrowser, noViolations as checkPage, signIn as signInTo, startDemo } from './harness.mjs';

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

test('a family signs up, an administrator reads the held mail, the family confirms and signs in', async () => {
  const family = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await family.newPage();
  await page.goto(server.base + C);
  await page.getByRole('link', { name: 'Créer mon espace', exact: true }).first().click();
  await checkPage(browser, page, 'sign-up form');

  // Submitting empty shows an error summary linked to the fields (browser validation off, as a screen reader user
  // may meet it after a server round trip).
  await page.evaluate(() => document.querySelector('form[action$="creer-mon-espace"]').setAttribute('novalidate', ''));
  await page.getByRole('button', { name: /Créer mon espace/ }).click();
  assert.equal(await page.getByRole('alert').count() >= 1, true);
  await checkPage(browser, page, 'sign-up form with errors');

  await field(page, 'Civilité').selectOption('madame');
  await field(page, 'Nom').fill('Dupont');
  await field(page, 'Prénom').fill('Marie');
  await field(page, 'Numéro et voie').fill('18 avenue de Poissy');
  await field(page, 'Code postal').fill('78570');
  await field(page, 'Commune').fill('Chanteloup-les-Vignes');
  await field(page, 'Adresse électronique').fill('marie.browser@example.fr');
  await field(page, 'Nom d’utilisateur').fill('marie.browser');
  await field(page, 'Mot de passe').fill('le chat dort sur le radiateur');
  await page.getByRole('button', { name: /Créer mon espace/ }).click();
  await page.getByText('marie.browser@example.fr').first().waitFor({ timeout: 5000 }).catch(async (error) => {
    throw new Error(`no confirmation page: ${(await page.locator('main').innerText()).slice(0, 1500)}`);
  });
  await checkPage(browser, page, 'sign-up done');

  const created = server.cli('agent', 'add', 'chanteloup-les-vignes', '--email', 'admin.browser@mairie.example.fr',
    '--role', 'admin', '--first-name', 'Anne', '--last-name', 'Admin');
  const invitation = /http\S+definir-mot-de-passe\S+/.exec(created)[0];
  const office = await browser.newContext();
  const admin = await office.newPage();
  await admin.goto(invitation.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base));
  await checkPage(browser, admin, 'set password page');
  await admin.getByLabel(/mot de passe/i).first().fill('administration du portail');
  await admin.getByRole('button').filter({ hasText: /mot de passe/i }).click();
  await signInTo(server, admin, 'admin.browser@mairie.example.fr', 'administration du portail');
  await admin.waitForURL(/agents\/$/);
  await checkPage(browser, admin, 'back office home');
  await admin.getByRole('link', { name: /Courriels envoyés/ }).first().click();
  await checkPage(browser, admin, 'mails list');
  await admin.getByRole('link', { name: /Confirmez/ }).first().click();
  await checkPage(browser, admin, 'one mail');
  const confirmLink = await admin.locator('a[href*="confirmer-mon-adresse"]').first().getAttribute('href');

  await page.goto(confirmLink.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base));
  await checkPage(browser, page, 'confirmation page');
  await page.getByRole('button', { name: /Confirmer/ }).click();
  await page.getByText(/confirmée/).first().waitFor();

  await signInTo(server, page, 'marie.browser', 'le chat dort sur le radiateur');
  await page.waitForURL(/mon-espace$/);
  assert.match(await page.locator('main').innerText(), /Bonjour\s+Madame DUPONT/);
  await checkPage(browser, page, 'home');
  for (const path of ['mon-compte', 'coordonnees', 'mes-donnees']) {
    await page.goto(server.base + C + path);
    await checkPage(browser, page, path);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);

  await page.getByRole('button', { name: /Se déconnecter/ }).click();
  await page.waitForURL(new RegExp(`${C}$`));
  assert.match(await page.getByRole("status").innerText(), /déconnexion a bien été effectuée/i);
  await family.close();
  await office.close();
});

test('the sign-in page works without JavaScript and says nothing about which accounts exist', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInTo(server, page, 'personne', 'un mot de passe quelconque');
  assert.match(await page.locator('body').innerText(), /Identifiant ou mot de passe incorrect/);
  await checkPage(browser, page, 'sign-in with error');
  await context.close();
});
