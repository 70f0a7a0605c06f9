// The politicians' reader's service worker, served as /reader/sw.js (scope /reader/).
// A meeting saved for offline reading is stored by /reader/reader.js in the cache named below;
// this worker answers from the network when it can (so a reader online always sees the latest
// published version) and from that cache when the network fails. It never stores anything
// itself: only what the reader chose to save is kept, and signing out deletes it (the sign-out
// response sends Clear-Site-Data, and the page clears the cache first where scripts run).
'use strict';

var CACHE = 'samspil-reader-v1';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).catch(function (error) {
      return caches.open(CACHE).then(function (cache) {
        // Pages vary on htmx's headers; a saved page serves a boosted request as well.
        return cache.match(request, { ignoreVary: true }).then(function (hit) {
          if (hit) return hit;
          throw error;
        });
      });
    }),
  );
});
