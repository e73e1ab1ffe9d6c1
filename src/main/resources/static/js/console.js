// Progressive enhancement for the console pages; every page also works without this file.
(function () {
  'use strict';

  function enhance(root) {
    root.querySelectorAll('.js-hidden').forEach(function (el) { el.hidden = true; });
    root.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      if (select.dataset.enhanced) { return; }
      select.dataset.enhanced = 'true';
      select.addEventListener('change', function () { select.form.requestSubmit(); });
    });
    root.querySelectorAll('input[data-confirm-word]').forEach(function (input) {
      var button = input.form.querySelector('button[type=submit]');
      var sync = function () { button.disabled = input.value.trim() !== input.dataset.confirmWord; };
      input.addEventListener('input', sync);
      sync();
    });
  }

  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  document.addEventListener('htmx:load', function (event) { enhance(event.target); });
})();
