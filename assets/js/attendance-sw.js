/*
 * Guichet — service worker du pointage. Servi sous
 * /{commune}/agents/pointage/sw.js : il ne couvre que les listes d'appel.
 * Les pages des listes passent par le réseau d'abord et leur copie est
 * gardée ; hors réseau, la dernière copie est rendue. Les fichiers /assets/
 * (dont le nom porte l'empreinte du contenu) sont gardés tels quels.
 * Les POST (les marques) ne passent jamais par ici : la page les met en file.
 */
'use strict';

var CACHE = 'guichet-pointage-v1';
var SCOPE = new URL(self.registration.scope).pathname;

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function sameOrigin(url) {
  try {
    return new URL(url, self.location.href).origin === self.location.origin;
  } catch (e) {
    return false;
  }
}

// The page asks to keep itself and its stylesheet, scripts and images.
self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type !== 'keep' || !Array.isArray(data.urls)) {
    return;
  }
  var urls = data.urls.filter(sameOrigin);
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (response.ok) {
          return cache.put(url, response);
        }
        return undefined;
      }).catch(function () {});
    }));
  }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || !sameOrigin(request.url)) {
    return;
  }
  var path = new URL(request.url).pathname;
  if (path.indexOf('/assets/') === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  if (path.indexOf(SCOPE) !== 0) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === 'basic') {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || Response.error();
    });
  }));
});
