// Samspil's small client script. Everything here only improves pages that already work
// without JavaScript. Loaded (deferred) before htmx and Alpine, so the hooks below are in place
// when they start. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // Alpine (CSP build): components are registered here, by name, never as inline expressions.
  document.addEventListener('alpine:init', function () {
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

  // Move focus to what the user came for: an error summary if the form was rejected,
  // otherwise the page's h1 after a boosted navigation.
  function focusAfterLoad(boosted) {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) {
      summary.focus();
      return;
    }
    if (!boosted) return;
    var heading = document.getElementById('page-title') || document.querySelector('main h1');
    var target = heading || document.getElementById('main');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    focusAfterLoad(false);
  });

  document.addEventListener('htmx:afterSettle', function (event) {
    var detail = event.detail || {};
    if (detail.boosted) {
      var template = document.documentElement.getAttribute('data-loaded-template') || '%s';
      var title = document.title.split(' · ')[0];
      announce(template.replace('%s', title));
      focusAfterLoad(true);
    }
  });

  // After a history restore (back/forward), the same: focus and announce.
  document.addEventListener('htmx:historyRestore', function () {
    focusAfterLoad(true);
  });
})();
