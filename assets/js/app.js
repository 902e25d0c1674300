/*
 * Guichet — amélioration progressive uniquement.
 * Le site fonctionne entièrement sans ce script. Il :
 *   1. signale à la feuille de style que JavaScript est disponible (classe "js") ;
 *   2. remplit, pendant la saisie, l'indication de robustesse des nouveaux mots
 *      de passe : <p id="…-force" aria-live="polite" data-strength-weak="…"
 *      data-strength-ok="…" data-strength-strong="…">, relié au champ par son
 *      aria-describedby. Les textes viennent du catalogue, via ces attributs.
 *      Ce n'est qu'une indication : la seule règle (12 caractères au moins)
 *      est vérifiée par le serveur ;
 *   3. sur la page d'un travail en cours (lettres de clé enfance…), relit la
 *      page toutes les quelques secondes et met à jour sur place l'état
 *      (role="status", annoncé par les lecteurs d'écran), la barre
 *      d'avancement et la suite (lien de téléchargement), au lieu du
 *      rechargement complet que fait, sans JavaScript, la balise
 *      <meta http-equiv="refresh"> placée dans <noscript>. S'arrête quand la
 *      page relue n'est plus celle d'un travail en cours.
 */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var MIN_LENGTH = 12;

  function characterTests() {
    try {
      return [
        new RegExp('\\p{Ll}', 'u'),
        new RegExp('\\p{Lu}', 'u'),
        new RegExp('\\p{N}', 'u'),
        /\s/,
        new RegExp('[^\\p{L}\\p{N}\\s]', 'u')
      ];
    } catch (e) {
      return [/[a-z]/, /[A-Z]/, /[0-9]/, /\s/, /[^A-Za-z0-9\s]/];
    }
  }

  var TESTS = characterTests();

  function characters(value) {
    return Array.from ? Array.from(value) : value.split('');
  }

  // '' (rien saisi), 'weak', 'ok' ou 'strong'.
  function strength(value) {
    var chars = characters(value);
    if (chars.length === 0) {
      return '';
    }
    var classes = 0;
    for (var i = 0; i < TESTS.length; i += 1) {
      if (TESTS[i].test(value)) {
        classes += 1;
      }
    }
    var distinct = {};
    var variety = 0;
    for (var j = 0; j < chars.length; j += 1) {
      if (!distinct[chars[j]]) {
        distinct[chars[j]] = true;
        variety += 1;
      }
    }
    if (chars.length < MIN_LENGTH || variety < 5 || (classes < 2 && chars.length < 20)) {
      return 'weak';
    }
    if ((chars.length >= 16 && classes >= 3) || (chars.length >= 20 && classes >= 2)) {
      return 'strong';
    }
    return 'ok';
  }

  function fieldFor(output) {
    var inputs = document.querySelectorAll('input[aria-describedby]');
    for (var i = 0; i < inputs.length; i += 1) {
      var ids = inputs[i].getAttribute('aria-describedby').split(/\s+/);
      if (ids.indexOf(output.id) !== -1) {
        return inputs[i];
      }
    }
    return null;
  }

  function watch(output) {
    var input = fieldFor(output);
    if (!input) {
      return;
    }
    var shown = '';
    function update() {
      var level = strength(input.value);
      if (level === shown) {
        return; // n'annonce que les changements de niveau
      }
      shown = level;
      output.textContent = level ? output.getAttribute('data-strength-' + level) || '' : '';
      if (level) {
        output.setAttribute('data-level', level);
      } else {
        output.removeAttribute('data-level');
      }
    }
    input.addEventListener('input', update);
    update();
  }

  var outputs = document.querySelectorAll('[data-strength-weak]');
  for (var k = 0; k < outputs.length; k += 1) {
    watch(outputs[k]);
  }

  function followJob(zone) {
    var seconds = parseInt(zone.getAttribute('data-job-refresh'), 10) || 5;
    var parts = ['travail-etat', 'travail-avancement', 'travail-suite'];

    function update(html) {
      var fresh = new DOMParser().parseFromString(html, 'text/html');
      var freshZone = fresh.getElementById(zone.id);
      if (!freshZone) {
        return false;
      }
      for (var i = 0; i < parts.length; i += 1) {
        var mine = document.getElementById(parts[i]);
        var theirs = fresh.getElementById(parts[i]);
        if (!theirs && mine && parts[i] === 'travail-avancement') {
          mine.parentNode.parentNode.removeChild(mine.parentNode); // échec : plus d'avancement à montrer
          continue;
        }
        if (!mine || !theirs) {
          continue;
        }
        if (parts[i] === 'travail-etat') {
          if (mine.textContent !== theirs.textContent) {
            mine.textContent = theirs.textContent; // la région role="status" annonce le changement
          }
        } else if (parts[i] === 'travail-avancement') {
          ['max', 'value'].forEach(function (name) {
            if (theirs.hasAttribute(name)) {
              mine.setAttribute(name, theirs.getAttribute(name));
            } else {
              mine.removeAttribute(name);
            }
          });
          mine.textContent = theirs.textContent;
        } else {
          mine.innerHTML = theirs.innerHTML;
        }
      }
      return freshZone.hasAttribute('data-job-refresh');
    }

    function poll() {
      window.fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) {
          return response.ok ? response.text() : '';
        })
        .then(function (html) {
          if (html && !update(html)) {
            zone.removeAttribute('data-job-refresh');
            return;
          }
          window.setTimeout(poll, seconds * 1000);
        })
        .catch(function () {
          window.setTimeout(poll, seconds * 1000);
        });
    }

    window.setTimeout(poll, seconds * 1000);
  }

  var job = document.querySelector('[data-job-refresh]');
  if (job && window.fetch && window.DOMParser) {
    followJob(job);
  }
})();
