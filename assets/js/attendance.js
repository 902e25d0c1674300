/*
 * Guichet — pointage (liste d'appel) avec JavaScript. Sans ce script, chaque
 * bouton « Présent » / « Absent » est un formulaire ordinaire qui recharge la
 * page. Avec lui :
 *   1. chaque appui reçoit un nouvel identifiant de marque (UUID) et part en
 *      arrière-plan vers la même adresse que le formulaire, avec son jeton
 *      CSRF ; le serveur n'enregistre qu'une fois une marque reçue deux fois ;
 *   2. les marques attendent dans IndexedDB, dans l'ordre des appuis, tant
 *      qu'elles ne sont pas arrivées (hors réseau, dans la cour d'un centre) :
 *      « n marques en attente d'envoi » (role="status") le dit, et elles
 *      repartent quand le réseau revient (événement online, puis toutes les
 *      quelques secondes) ; une marque n'est retirée de la file qu'une fois
 *      acceptée (ou refusée) par le serveur ;
 *   3. le service worker (servi sous /{commune}/agents/pointage/sw.js, qui
 *      couvre les listes) garde la liste du jour pour qu'elle se rouvre hors
 *      réseau.
 */
(function () {
  'use strict';
  var root = document.querySelector('[data-roll]');
  if (!root || !window.fetch || !window.Promise || !window.URLSearchParams) {
    return;
  }
  var DB_NAME = 'guichet-pointage';
  var STORE = 'marques';
  var RETRY_MS = 4000;
  var pending = root.querySelector('[data-pending]');
  var memory = [];  // sans IndexedDB (navigation privée…) : la file vit le temps de la page
  var nextSeq = 1;
  var flushing = false;
  var refused = false;  // the server refused a mark (a session ended…): the page says so until it is reloaded

  function newId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  var database = null;
  function openDb() {
    if (database) {
      return database;
    }
    database = new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error('indexedDB'));
        return;
      }
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return database;
  }

  // Runs `work(store)` in one IndexedDB transaction and gives back what its request returned.
  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function enqueue(item) {
    return withStore('readwrite', function (store) { return store.add(item); }).catch(function () {
      item.seq = nextSeq;
      nextSeq += 1;
      memory.push(item);
    });
  }

  function queued() {
    return withStore('readonly', function (store) { return store.getAll(); }).then(function (items) {
      return items.concat(memory);
    }, function () {
      return memory.slice();
    });
  }

  function forget(item) {
    var index = memory.indexOf(item);
    if (index !== -1) {
      memory.splice(index, 1);
      return Promise.resolve();
    }
    return withStore('readwrite', function (store) { return store.delete(item.seq); });
  }

  function showCount(count) {
    if (!pending) {
      return;
    }
    var text = '';
    if (count === 1) {
      text = root.getAttribute('data-pending-one');
    } else if (count > 1) {
      text = root.getAttribute('data-pending-many').replace('{n}', String(count));
    }
    if (refused) {
      text = (text ? text + ' – ' : '') + root.getAttribute('data-failed');
    }
    pending.textContent = text;
  }

  function refreshCount() {
    return queued().then(function (items) { showCount(items.length); });
  }

  // Shows the tap on the child's card at once, before the server has it.
  function show(child, presence) {
    var card = root.querySelector('[data-child="' + String(child).replace(/[^0-9]/g, '') + '"]');
    if (!card) {
      return;
    }
    card.setAttribute('data-state', presence);
    var label = card.querySelector('[data-state-label]');
    if (label) {
      label.textContent = root.getAttribute('data-state-' + presence) || presence;
    }
  }

  // Sends one mark; resolves to true when it may leave the queue (stored, already stored or refused), false to
  // stop and try again later (no network, server unavailable).
  function send(item) {
    return window.fetch(item.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
      body: item.body
    }).then(function (response) {
      if (response.ok) {
        return forget(item).then(function () { return true; });
      }
      if (response.status >= 400 && response.status < 500) {
        refused = true;
        return forget(item).then(function () { return true; });
      }
      return false;
    }, function () {
      return false;
    });
  }

  function flush() {
    if (flushing) {
      return Promise.resolve();
    }
    flushing = true;
    return queued().then(function (items) {
      return items.reduce(function (previous, item) {
        return previous.then(function (going) {
          return going ? send(item) : false;
        });
      }, Promise.resolve(true));
    }).catch(function () {
      return false;
    }).then(function () {
      flushing = false;
      return refreshCount();
    });
  }

  root.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute('data-mark')) {
      return;
    }
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    data.set('mark', newId());
    var item = {
      mark: data.get('mark'),
      action: form.action,
      body: data.toString(),
      child: data.get('child'),
      presence: data.get('presence'),
      at: Date.now()
    };
    show(item.child, item.presence);
    enqueue(item).then(refreshCount).then(flush);
  });

  window.addEventListener('online', flush);
  window.setInterval(flush, RETRY_MS);

  // A page reopened from the phone's copy shows the marks still waiting.
  queued().then(function (items) {
    var form = root.querySelector('form[data-mark]');
    items.forEach(function (item) {
      if (form && item.action === form.action) {
        show(item.child, item.presence);
      }
    });
    showCount(items.length);
  }).then(flush);

  var worker = root.getAttribute('data-worker');
  if (worker && navigator.serviceWorker) {
    navigator.serviceWorker.register(worker).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var urls = [window.location.href];
      var assets = document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], script[src], img[src]');
      Array.prototype.forEach.call(assets, function (element) {
        urls.push(element.href || element.src);
      });
      if (registration.active) {
        registration.active.postMessage({ type: 'keep', urls: urls });
      }
    }).catch(function () {});
  }
}());
