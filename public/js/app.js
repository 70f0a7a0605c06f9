// Samspil's small client script. Everything here only improves pages that already work
// without JavaScript. Loaded (deferred) before htmx and Alpine, so the hooks below are in place
// when they start. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // Alpine (CSP build): components are registered here, by name, never as inline expressions.
  document.addEventListener('alpine:init', function () {
    // Redaction (access requests): turns a selection in the shown text into character offsets
    // for the "withhold a passage" form. Each piece of the text is a span with its offset in
    // data-o; sentence numbers (data-skip) do not count. Without JavaScript the form takes the
    // passage's text and occurrence, or sentence numbers, instead.
    window.Alpine.data('redactionPicker', function () {
      function pieceStart(el) {
        return el && el.hasAttribute('data-o') ? Number(el.getAttribute('data-o')) : null;
      }
      function offsetOf(node, offset, root, isEnd) {
        if (!node || !root.contains(node)) return null;
        if (node.nodeType === 3) {
          var owner = node.parentElement;
          if (owner && owner.closest('[data-skip]')) node = owner.closest('[data-skip]');
          else if (owner && owner.hasAttribute('data-o')) return pieceStart(owner) + offset;
        } else if (node.childNodes && offset < node.childNodes.length) {
          node = node.childNodes[offset];
        }
        var pieces = Array.prototype.slice.call(root.querySelectorAll('[data-o]'));
        for (var i = 0; i < pieces.length; i++) {
          var rel = node.compareDocumentPosition(pieces[i]);
          // 4 = Node.DOCUMENT_POSITION_FOLLOWING: the piece comes after the selection point.
          if (rel & 4 || pieces[i] === node)
            return isEnd && i > 0
              ? pieceStart(pieces[i - 1]) + pieces[i - 1].textContent.length
              : pieceStart(pieces[i]);
        }
        var last = pieces[pieces.length - 1];
        return last ? pieceStart(last) + last.textContent.length : null;
      }
      return {
        init: function () {
          var refs = this.$refs;
          if (refs.pick) refs.pick.hidden = false;
          var area = refs.form && refs.form.querySelector('textarea');
          if (area)
            area.addEventListener('input', function () {
              refs.start.value = '';
              refs.end.value = '';
            });
        },
        pick: function () {
          var refs = this.$refs;
          var sel = window.getSelection();
          var a = sel && sel.rangeCount ? offsetOf(sel.anchorNode, sel.anchorOffset, refs.text, false) : null;
          var b = sel && sel.rangeCount ? offsetOf(sel.focusNode, sel.focusOffset, refs.text, true) : null;
          if (a === null || b === null || a === b) {
            refs.status.textContent = refs.status.getAttribute('data-empty');
            return;
          }
          var start = Math.min(a, b);
          var end = Math.max(a, b);
          refs.start.value = String(start);
          refs.end.value = String(end);
          var area = refs.form.querySelector('textarea');
          if (area) area.value = sel.toString();
          refs.status.textContent = refs.status.getAttribute('data-filled');
          var basis = refs.form.querySelector('select[name=basis]');
          if (basis) basis.focus();
        },
      };
    });

    // A <details> menu that also closes on Escape and on a click outside it.
    window.Alpine.data('menu', function () {
      return {
        close: function () {
          this.$el.removeAttribute('open');
        },
        closeAndFocus: function () {
          if (!this.$el.hasAttribute('open')) return;
          this.$el.removeAttribute('open');
          var summary = this.$el.querySelector('summary');
          if (summary) summary.focus();
        },
      };
    });

    // File upload: drag-and-drop onto the drop zone fills the file input; while htmx sends the
    // form, a progress bar shows how far it has come. Without scripts the plain form posts as is.
    window.Alpine.data('upload', function () {
      return {
        init: function () {
          var form = this.$el;
          var refs = this.$refs;
          form.addEventListener('htmx:beforeRequest', function () {
            refs.bar.setAttribute('data-busy', '');
            refs.progress.value = 0;
          });
          form.addEventListener('htmx:xhr:progress', function (event) {
            var d = event.detail || {};
            if (d.lengthComputable && d.total) refs.progress.value = Math.round((d.loaded / d.total) * 100);
          });
          form.addEventListener('htmx:afterRequest', function () {
            refs.bar.removeAttribute('data-busy');
          });
        },
        over: function () {
          this.$event.currentTarget.setAttribute('data-over', '');
        },
        leave: function () {
          this.$event.currentTarget.removeAttribute('data-over');
        },
        drop: function () {
          var zone = this.$event.currentTarget;
          zone.removeAttribute('data-over');
          var input = zone.querySelector('input[type=file]');
          var files = this.$event.dataTransfer && this.$event.dataTransfer.files;
          if (input && files && files.length) {
            input.files = files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          }
        },
      };
    });

    // The agenda editor's drag-and-drop ordering (meetings). The Flyt op/Flyt ned buttons beside
    // each item are the keyboard and no-JS way; this only adds dragging with a mouse or a finger.
    // When the order has changed, the new order is posted and the list is swapped by htmx.
    window.Alpine.data('agendaOrder', function () {
      var dragged = null;
      var before = '';
      var root = null;
      function ids() {
        return Array.prototype.map.call(root.querySelectorAll('[data-item-id]'), function (li) {
          return li.getAttribute('data-item-id');
        });
      }
      return {
        init: function () {
          root = this.$el;
        },
        start: function () {
          dragged = this.$event.currentTarget;
          before = ids().join(',');
          dragged.setAttribute('data-dragging', '');
          if (this.$event.dataTransfer) {
            this.$event.dataTransfer.effectAllowed = 'move';
            this.$event.dataTransfer.setData('text/plain', dragged.getAttribute('data-item-id'));
          }
        },
        over: function () {
          var target = this.$event.currentTarget;
          if (!dragged || target === dragged) return;
          var rect = target.getBoundingClientRect();
          var after = this.$event.clientY > rect.top + rect.height / 2;
          target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
        },
        drop: function () {},
        end: function () {
          if (!dragged) return;
          dragged.removeAttribute('data-dragging');
          dragged = null;
          var order = ids();
          if (order.join(',') === before) return;
          window.htmx.ajax('POST', root.getAttribute('data-order-url'), {
            target: '#agenda-items',
            swap: 'outerHTML',
            values: { order: order },
          });
        },
      };
    });

    // Moving a unit in the organisation admin's tree (/admin/org). Without JavaScript the "Flyt"
    // link opens the move form. Here it starts a keyboard move instead: the arrow keys (Home/End)
    // choose the new parent among the units it may move under, Enter goes to the server's confirm
    // page, Escape (or leaving the link) cancels; every step is read out in #live. A unit's row can
    // also be dragged onto another row with the mouse. Both end on the same confirm page, where the
    // server checks the move again and says what moves with the unit.
    window.Alpine.data('orgMove', function () {
      var root = null;
      var moving = null; // the <li> being moved
      var link = null; // its "Flyt" link, which keeps focus while choosing
      var targets = [];
      var index = -1;
      var dragged = null;

      function msg(name, params) {
        var text = root.getAttribute('data-msg-' + name) || '';
        Object.keys(params || {}).forEach(function (k) {
          text = text.split('{' + k + '}').join(params[k]);
        });
        return text;
      }
      function nameOf(li) {
        return li.getAttribute('data-unit-name');
      }
      function rowOf(li) {
        return li.querySelector('[data-row]');
      }
      function parentLi(li) {
        return li.parentElement ? li.parentElement.closest('li[data-unit-id]') : null;
      }
      // Every unit it may move under: not itself, not below itself, not where it already sits.
      function validTargets(li) {
        var current = parentLi(li);
        return Array.prototype.filter.call(root.querySelectorAll('li[data-unit-id]'), function (t) {
          return t !== li && !li.contains(t) && t !== current;
        });
      }
      function confirmUrl(li, target) {
        return root
          .getAttribute('data-confirm-url')
          .replace('{id}', li.getAttribute('data-unit-id'))
          .replace('{to}', target.getAttribute('data-unit-id'));
      }
      function clearMarks() {
        Array.prototype.forEach.call(
          root.querySelectorAll('[data-move-target],[data-moving],[data-drop-over]'),
          function (el) {
            el.removeAttribute('data-move-target');
            el.removeAttribute('data-moving');
            el.removeAttribute('data-drop-over');
          },
        );
      }
      function show(i) {
        if (!targets.length) return;
        index = (i + targets.length) % targets.length;
        Array.prototype.forEach.call(root.querySelectorAll('[data-move-target]'), function (el) {
          el.removeAttribute('data-move-target');
        });
        var row = rowOf(targets[index]);
        row.setAttribute('data-move-target', '');
        row.scrollIntoView({ block: 'nearest' });
        announce(msg('target', { name: nameOf(targets[index]), position: index + 1, count: targets.length }));
      }
      function stop(silent) {
        if (!moving) return;
        clearMarks();
        if (link) link.removeAttribute('aria-pressed');
        moving = null;
        targets = [];
        index = -1;
        if (!silent) announce(msg('cancel'));
      }
      function start(li, a) {
        stop(true);
        targets = validTargets(li);
        if (!targets.length) {
          announce(msg('none', { name: nameOf(li) }));
          return;
        }
        moving = li;
        link = a;
        link.setAttribute('aria-pressed', 'true');
        rowOf(li).setAttribute('data-moving', '');
        index = -1;
        announce(msg('start', { name: nameOf(li) }));
      }
      function go(li, target) {
        var url = confirmUrl(li, target);
        announce(msg('drop', { name: nameOf(li), to: nameOf(target) }));
        stop(true);
        window.location.assign(url);
      }

      return {
        init: function () {
          root = this.$el;
          // With this script the link acts as a toggle button (aria-pressed while choosing).
          Array.prototype.forEach.call(root.querySelectorAll('a[data-move-start]'), function (a) {
            a.setAttribute('role', 'button');
          });
          // In the capture phase, so that htmx's boosted navigation on the link never sees the click.
          root.addEventListener(
            'click',
            function (event) {
              var a = event.target.closest('a[data-move-start]');
              if (!a || !root.contains(a)) return;
              event.preventDefault();
              event.stopPropagation();
              var li = a.closest('li[data-unit-id]');
              if (moving === li) stop(false);
              else start(li, a);
            },
            true,
          );
          root.addEventListener('keydown', function (event) {
            if (!moving && event.key === ' ' && event.target.matches('a[data-move-start]')) {
              event.preventDefault();
              start(event.target.closest('li[data-unit-id]'), event.target);
              return;
            }
            if (!moving || event.target !== link) return;
            var key = event.key;
            if (key === 'ArrowDown' || key === 'ArrowRight') show(index + 1);
            else if (key === 'ArrowUp' || key === 'ArrowLeft') show(index < 0 ? targets.length - 1 : index - 1);
            else if (key === 'Home') show(0);
            else if (key === 'End') show(targets.length - 1);
            else if (key === 'Escape') stop(false);
            else if (key === 'Enter') {
              if (index >= 0) go(moving, targets[index]);
              else show(0);
            } else return;
            event.preventDefault();
          });
          root.addEventListener('focusout', function (event) {
            if (moving && event.target === link) stop(false);
          });

          // Dragging with a mouse: a row onto another row.
          root.addEventListener('dragstart', function (event) {
            var row = event.target.closest && event.target.closest('[data-row]');
            if (!row) return;
            stop(true);
            dragged = row.closest('li[data-unit-id]');
            row.setAttribute('data-moving', '');
            if (event.dataTransfer) {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', dragged.getAttribute('data-unit-id'));
            }
          });
          function dropTarget(event) {
            if (!dragged) return null;
            var row = event.target.closest && event.target.closest('[data-row]');
            var li = row && row.closest('li[data-unit-id]');
            return li && validTargets(dragged).indexOf(li) >= 0 ? li : null;
          }
          root.addEventListener('dragover', function (event) {
            var li = dropTarget(event);
            Array.prototype.forEach.call(root.querySelectorAll('[data-drop-over]'), function (el) {
              if (!li || el !== rowOf(li)) el.removeAttribute('data-drop-over');
            });
            if (!li) return;
            event.preventDefault();
            rowOf(li).setAttribute('data-drop-over', '');
          });
          root.addEventListener('drop', function (event) {
            var li = dropTarget(event);
            if (!li) return;
            event.preventDefault();
            var from = dragged;
            dragged = null;
            go(from, li);
          });
          root.addEventListener('dragend', function () {
            dragged = null;
            clearMarks();
          });
        },
      };
    });
  });

  function announce(text) {
    var live = document.getElementById('live');
    if (!live) return;
    live.textContent = '';
    // A fresh text node after a tick makes screen readers announce it even when it repeats.
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  function focusElement(target) {
    if (!target.hasAttribute('tabindex') && !target.matches('a[href], button, input, select, textarea, summary'))
      target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }

  // The element the address's fragment names (#post-74), if the page has it.
  function fragmentTarget() {
    var hash = window.location.hash;
    if (!hash || hash.length < 2) return null;
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (e) {
      return null;
    }
    return document.getElementById(id);
  }

  // Move focus to what the user came for: an error summary if the form was rejected, the
  // element named by the address's fragment (a link to one reply in a thread), otherwise the
  // page's h1 after a boosted navigation.
  function focusAfterLoad(boosted) {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) {
      summary.focus();
      return;
    }
    if (!boosted) return;
    var anchored = fragmentTarget();
    if (anchored) {
      focusElement(anchored);
      anchored.scrollIntoView({ block: 'start' });
      return;
    }
    var heading = document.getElementById('page-title') || document.querySelector('main h1');
    var target = heading || document.getElementById('main');
    if (target) {
      focusElement(target);
      window.scrollTo(0, 0);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    focusAfterLoad(false);
  });

  // A navigation: a boosted link or form, or the client-side redirect the server sends a boosted
  // request in place of a redirect to an address with a fragment (src/http/boost.ts).
  function isNavigation(detail) {
    if (detail.boosted) return true;
    var headers = detail.requestConfig && detail.requestConfig.headers;
    return !!headers && headers['HX-Boosted'] === 'true';
  }

  document.addEventListener('htmx:afterSettle', function (event) {
    var detail = event.detail || {};
    if (isNavigation(detail)) {
      var template = document.documentElement.getAttribute('data-loaded-template') || '%s';
      var title = document.title.split(' · ')[0];
      announce(template.replace('%s', title));
      focusAfterLoad(true);
    }
  });

  // A partial update that replaces the control the user just pressed (the agenda's move
  // buttons, a saved note, a decision, a reply) marks where focus belongs with
  // data-autofocus-swap: on the element itself, or with the id of another element as its value
  // (the new reply that an out-of-band swap appended). A disabled button hands focus to the
  // nearest usable control beside it. The mark is spent once used.
  document.addEventListener('htmx:afterSettle', function (event) {
    var target = event.detail && event.detail.elt;
    var scope = target && target.isConnected ? target : document;
    var mark = scope.querySelector
      ? scope.querySelector('[data-autofocus-swap]') || document.querySelector('[data-autofocus-swap]')
      : null;
    if (!mark) return;
    var named = mark.getAttribute('data-autofocus-swap');
    mark.removeAttribute('data-autofocus-swap');
    var wanted = named ? document.getElementById(named) : mark;
    if (wanted && wanted.disabled) {
      var row = wanted.closest('[data-item-id]');
      wanted = row ? row.querySelector('button:not([disabled]), a') : null;
    }
    if (wanted) {
      focusElement(wanted);
      wanted.scrollIntoView({ block: 'nearest' });
    }
  });

  // After a history restore (back/forward), the same: focus and announce.
  document.addEventListener('htmx:historyRestore', function () {
    focusAfterLoad(true);
  });

  // Signing out removes what the politicians' reader saved for offline reading on this device
  // (the response's Clear-Site-Data does it too; this covers browsers that ignore that header).
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (
        !form ||
        !/^\/logout/.test(form.getAttribute('action') || '') ||
        !('caches' in window) ||
        form.hasAttribute('data-cleared')
      )
        return;
      event.preventDefault();
      event.stopImmediatePropagation();
      form.setAttribute('data-cleared', '');
      var done = function () {
        form.submit();
      };
      var unregister = navigator.serviceWorker
        ? navigator.serviceWorker.getRegistrations().then(function (regs) {
            return Promise.all(
              regs.map(function (r) {
                return r.unregister();
              }),
            );
          })
        : Promise.resolve();
      Promise.all([
        caches.keys().then(function (keys) {
          return Promise.all(
            keys
              .filter(function (k) {
                return k.indexOf('samspil-reader') === 0;
              })
              .map(function (k) {
                return caches.delete(k);
              }),
          );
        }),
        unregister,
      ]).then(done, done);
    },
    true,
  );
})();
