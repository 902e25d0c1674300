/*
 * Guichet — amélioration progressive uniquement.
 * Le site fonctionne entièrement sans ce script : il se contente de signaler
 * à la feuille de style que JavaScript est disponible.
 */
(function () {
  'use strict';
  document.documentElement.classList.add('js');
})();
