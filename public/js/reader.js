// The reader's offline page (/reader/meetings/:id/offline): registers the service worker
// (/reader/sw.js, scope /reader/) and stores the meeting's pages, attachments and assets in the
// reader's cache, telling the user in the status line (role=status). Loaded only on that page,
// which is always a full page load. No inline scripts: the CSP forbids them.
(function () {
  'use strict';
  var CACHE = 'samspil-reader-v1';
  var status = document.getElementById('offline-status');
  if (!status) return;
  var say = function (key) {
    status.textContent = status.getAttribute('data-msg-' + key) || '';
    status.setAttribute('data-state', key);
  };
  if (!('serviceWorker' in navigator) || !('caches' in window)) {
    say('unsupported');
    return;
  }
  var urls = JSON.parse(status.getAttribute('data-urls') || '[]');
  var remove = document.getElementById('offline-remove');

  function save() {
    say('saving');
    return navigator.serviceWorker
      .register('/reader/sw.js', { scope: '/reader/' })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function () {
        return caches.open(CACHE);
      })
      .then(function (cache) {
        // One by one, with the session cookie, so a failure names itself and nothing half-done is
        // reported as saved.
        return urls.reduce(function (chain, url) {
          return chain.then(function () {
            return fetch(url, { credentials: 'same-origin', redirect: 'error' }).then(function (res) {
              if (!res.ok) throw new Error(url + ': ' + res.status);
              return cache.put(url, res);
            });
          });
        }, Promise.resolve());
      })
      .then(function () {
        say('saved');
        if (remove) remove.hidden = false;
      })
      .catch(function () {
        say('failed');
      });
  }

  if (remove) {
    remove.addEventListener('click', function () {
      caches
        .open(CACHE)
        .then(function (cache) {
          return Promise.all(
            urls.map(function (url) {
              return cache.delete(url);
            }),
          );
        })
        .then(function () {
          say('removed');
          remove.hidden = true;
        });
    });
  }
  save();
})();
