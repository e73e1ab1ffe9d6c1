// Progressive enhancement for the console pages: every page also works without this file.
(function () {
  'use strict';

  // with the zone: the page's other times (in its flashes and messages) are in UTC
  var formatter = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
  });

  function localTimes(root) {
    root.querySelectorAll('time[data-local]').forEach(function (time) {
      var date = new Date(time.getAttribute('datetime'));
      if (!isNaN(date)) { time.textContent = formatter.format(date); }
    });
  }

  // A choice made with the pointer goes at once. The arrow keys change a closed select as they move, so a choice
  // made with the keys waits for Enter or for the form's button, which then shows: moving through the choices
  // doesn't take the user to another page (WCAG 3.2.2).
  function autosubmit(root) {
    root.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      var byKeys = false;
      var button = select.form.querySelector('button[type=submit]');
      select.addEventListener('pointerdown', function () { byKeys = false; });
      select.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          event.preventDefault();
          select.form.requestSubmit();
        } else if (event.key !== 'Tab') {
          byKeys = true;
        }
      });
      select.addEventListener('change', function () {
        if (!byKeys) {
          select.form.requestSubmit();
        } else if (button) {
          button.hidden = false;
        }
      });
    });
  }

  function confirmWords(root) {
    root.querySelectorAll('input[data-confirm-word]').forEach(function (input) {
      var button = input.form.querySelector('button[type=submit]');
      var sync = function () { button.disabled = input.value.trim() !== input.dataset.confirmWord; };
      input.addEventListener('input', sync);
      sync();
    });
  }

  // The id of the element whose open Actions menu an out-of-band swap is replacing: a selection's answer can land
  // after the user opened the menu, and the menu they opened stays open with the new items.
  var reopenMenu = null;
  // The element whose request brought the latest content in (a menu item, say), for the dialog it opens; and whether
  // it posted a form, whose answer may be that form again with its refusals.
  var lastRequester = null;
  var submitted = false;

  // The Actions menu: a menu button with the ARIA menu pattern (arrow keys, Home, End, Escape).
  function dropdowns(root) {
    root.querySelectorAll('[data-dropdown]').forEach(function (dropdown) {
      var toggle = dropdown.querySelector('.dropdown-toggle');
      var menu = dropdown.querySelector('.dropdown-menu');
      menu.setAttribute('role', 'menu');
      menu.hidden = true;
      toggle.hidden = false;
      menu.querySelectorAll('li').forEach(function (li) { li.setAttribute('role', 'none'); });
      var items = Array.prototype.slice.call(menu.querySelectorAll('.dropdown-item'));
      // An item the selected connection doesn't allow stays in the arrows' way, announced as unavailable, as the
      // ARIA menu pattern has it: the user hears what the menu holds, and that a row must be chosen first. It does
      // nothing when chosen (without this script it stays a disabled button).
      items.forEach(function (item) {
        item.setAttribute('role', 'menuitem');
        item.tabIndex = -1;
        if (item.disabled) {
          item.disabled = false;
          item.setAttribute('aria-disabled', 'true');
        }
      });
      var unavailable = function (item) { return item.getAttribute('aria-disabled') === 'true'; };
      var open = function (focusLast) {
        menu.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
        if (items.length) { items[focusLast ? items.length - 1 : 0].focus(); } else { menu.focus(); }
      };
      var close = function (refocus) {
        menu.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
        if (refocus) { toggle.focus(); }
      };
      menu.tabIndex = -1;
      toggle.addEventListener('click', function () { if (menu.hidden) { open(false); } else { close(true); } });
      toggle.addEventListener('keydown', function (event) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          open(event.key === 'ArrowUp');
        }
      });
      menu.addEventListener('keydown', function (event) {
        var list = items;
        var index = items.indexOf(document.activeElement);
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          if (!list.length) { return; }
          var step = event.key === 'ArrowDown' ? 1 : -1;
          list[(index + step + list.length) % list.length].focus();
        } else if (event.key === 'Home' || event.key === 'End') {
          event.preventDefault();
          if (list.length) { list[event.key === 'Home' ? 0 : list.length - 1].focus(); }
        } else if (event.key === 'Escape') {
          event.preventDefault();
          close(true);
        } else if (event.key === 'Tab') {
          close(false);
        }
      });
      document.addEventListener('click', function (event) {
        if (!dropdown.contains(event.target) && !menu.hidden) { close(false); }
      });
      menu.addEventListener('click', function (event) {
        var item = event.target.closest('.dropdown-item');
        if (item && unavailable(item)) {
          event.preventDefault();
          event.stopImmediatePropagation();
        } else if (item) {
          close(false);
        }
      });
      if (reopenMenu && dropdown.closest('#' + reopenMenu)) {
        reopenMenu = null;
        open(false);
      }
    });
  }

  // A confirmation or the table's preferences arrive as a <dialog>: show it modal, and close it on Cancel or Escape.
  function dialogs(root) {
    var list = root.matches && root.matches('dialog') ? [root] : root.querySelectorAll('dialog');
    Array.prototype.forEach.call(list, function (dialog) {
      if (!dialog.closest('#modal-root')) { return; }
      // What opened it: a menu item, hidden once chosen; focus goes back to its menu's button when the dialog closes.
      var opener = lastRequester || document.activeElement;
      var dropdown = opener && opener.closest && opener.closest('[data-dropdown]');
      var back = dropdown ? dropdown.querySelector('[aria-haspopup]') : opener;
      dialog.showModal();
      // its first field; a dialog with none to fill (a confirmation) starts on Cancel, so that an Enter changes nothing
      var input = dialog.querySelector('input:not([type="hidden"])') || dialog.querySelector('[data-close-dialog]');
      if (input) { input.focus(); }
      dialog.addEventListener('close', function () {
        dialog.remove();
        if ((!document.activeElement || document.activeElement === document.body) && back && back.isConnected) {
          back.focus();
        }
      });
      dialog.querySelectorAll('[data-close-dialog]').forEach(function (cancel) {
        cancel.addEventListener('click', function (event) { event.preventDefault(); dialog.close(); });
      });
      dialog.querySelector('form').addEventListener('htmx:afterRequest', function () {
        if (dialog.open) { dialog.close(); }
      });
    });
  }

  // A copy button beside text that is there to select without script: shown here, it copies the text and says so.
  function copyButtons(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      var target = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.copy + '-copied');
      if (!target) { return; }
      var done = function () { if (status) { status.textContent = status.dataset.copied; } };
      var selectAndCopy = function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (document.execCommand('copy')) { done(); }
      };
      button.hidden = false;
      button.addEventListener('click', function () {
        if (status) { status.textContent = ''; }
        var text = target.textContent.trim();
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, selectAndCopy);
        } else {
          selectAndCopy();
        }
      });
    });
  }

  // Choosing a repository swaps only its branches in: mark the chosen row here, as the whole page would.
  function repositoryChoice(root) {
    root.querySelectorAll('.repository-link').forEach(function (link) {
      link.addEventListener('click', function () {
        var table = link.closest('table');
        table.querySelectorAll('.repository-link').forEach(function (other) {
          other.removeAttribute('aria-current');
          other.closest('tr').classList.remove('selected');
        });
        link.setAttribute('aria-current', 'true');
        link.closest('tr').classList.add('selected');
      });
    });
  }

  // A refusal htmx does not swap in (an answer of 4xx or 5xx), or no answer at all: said in the page's flashbar as a
  // redirect's error would be, in the console's own words where its error page gave them.
  function showError(text) {
    var main = document.getElementById('main');
    var bar = document.getElementById('flashbar');
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'flashbar';
      bar.className = 'flashbar';
      main.prepend(bar);
    }
    var flash = document.createElement('div');
    flash.id = 'flash-error';
    flash.className = 'flash flash-error';
    flash.setAttribute('role', 'alert');
    var icon = document.createElement('span');
    icon.className = 'flash-icon';
    icon.setAttribute('aria-hidden', 'true');
    var message = document.createElement('span');
    message.className = 'flash-message';
    message.textContent = text;
    flash.append(icon, message);
    bar.replaceChildren(flash);
    // above the page, which the user may have scrolled past
    flash.scrollIntoView({ block: 'nearest' });
  }

  function enhance(root) {
    root.querySelectorAll('.js-hidden').forEach(function (el) { el.hidden = true; });
    localTimes(root);
    autosubmit(root);
    confirmWords(root);
    dropdowns(root);
    dialogs(root);
    copyButtons(root);
    repositoryChoice(root);
  }

  // Into the live region outside <main>: emptied first, so that the same words said twice are read twice.
  function announce(text) {
    var announcer = document.getElementById('announcer');
    if (!announcer) { return; }
    announcer.textContent = '';
    if (text) { setTimeout(function () { announcer.textContent = text; }, 50); }
  }

  // The requests in the order they were made, and for each target the latest whose answer it shows.
  var requests = 0;
  var shown = {};

  // The loading status speaks only while requests take longer than a moment.
  var loadingRequests = 0;
  var loadingTimer = null;

  function loading(started) {
    var text = document.getElementById('loading-text');
    loadingRequests = Math.max(0, loadingRequests + (started ? 1 : -1));
    if (!text) { return; }
    if (loadingRequests > 0 && loadingTimer === null) {
      loadingTimer = setTimeout(function () {
        if (loadingRequests > 0) { text.textContent = text.dataset.text; }
      }, 500);
    } else if (loadingRequests === 0) {
      clearTimeout(loadingTimer);
      loadingTimer = null;
      text.textContent = '';
    }
  }

  // A part of the page swapped in place (the Repositories section, or its branches) says what it now shows: its
  // heading, its matches or page, its refusal. The control that asked may have left with the old part (Show
  // repositories, a pager arrow at the last page): the focus then goes to the part's heading rather than the page's
  // start.
  function settledPart(part) {
    var said = Array.prototype.map.call(
      part.querySelectorAll('h2, h3, #repository-matches, #repositories-page, .flash-message'),
      function (el) { return el.textContent.replace(/\s+/g, ' ').trim(); });
    announce(said.filter(function (text) { return text; }).join('. '));
    if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected) {
      var heading = part.querySelector('h2, h3');
      if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    // A page loaded whole says its flash, or its refusal, as one swapped in does: a role=alert already on the page
    // when it loads is not reliably read, and the focus goes past it to the first field.
    var said = document.querySelector('#flashbar .flash, #login-content .flash');
    if (said) { announce(said.textContent.replace(/\s+/g, ' ').trim()); }
    // counted by the request itself: htmx tells of the end of a request whose element another swap removed meanwhile
    // on that element alone, which no longer reaches the body
    document.body.addEventListener('htmx:beforeRequest', function (event) {
      event.detail.xhr.consoleRequest = ++requests;
      loading(true);
      event.detail.xhr.addEventListener('loadend', function () { loading(false); });
    });
    // The CSRF token sent as a header (which the console reads before a form's field): a form's own, rendered with
    // it (a dialog opened since), else the top bar's, which each page shown in place renews; so a tab whose user
    // signed in again in another tab posts with the new session's token rather than the one it was loaded with.
    document.body.addEventListener('htmx:configRequest', function (event) {
      var nav = document.getElementById('top-nav');
      if (!nav || !nav.dataset.csrfHeader) { return; }
      var own = event.detail.formData && event.detail.formData.get('_csrf');
      var token = own || nav.dataset.csrfToken;
      if (token) { event.detail.headers[nav.dataset.csrfHeader] = token; }
    });
    // htmx:load fires for the initial body too; from then on only for swapped-in content.
    document.body.addEventListener('htmx:load', function (event) {
      if (event.target !== document.body) { enhance(event.target); }
    });
    document.body.addEventListener('htmx:oobBeforeSwap', function (event) {
      var target = event.detail.target;
      var menu = target && target.id && target.querySelector('[data-dropdown] .dropdown-menu');
      // only a part with a menu counts (the top bar, swapped with each page shown in place, has none)
      if (menu) { reopenMenu = !menu.hidden ? target.id : null; }
    });
    document.body.addEventListener('htmx:beforeRequest', function (event) {
      lastRequester = event.detail.elt;
      var verb = event.detail.requestConfig ? event.detail.requestConfig.verb : 'get';
      submitted = event.detail.elt.tagName === 'FORM' && verb !== 'get';
    });
    // An answer to the filter for text it no longer holds (keys typed while the answer was on its way) is not swapped
    // in: it would put the older text back and drop the keys. The request those keys make, queued behind it, answers.
    // So too an answer to a row's selection for a row no longer checked (the arrow keys moved on meanwhile): it
    // would check the older row again under the focus of the newer, and the Actions would act on the older one.
    document.body.addEventListener('htmx:beforeSwap', function (event) {
      var request = event.detail.requestConfig;
      // An answer older than what its target shows now (the filter's, after View details was followed and came
      // first), or for a part of the page another swap has removed meanwhile (a row's choice): the user has moved on,
      // and it would take them back. A page followed from a part that went meanwhile still comes.
      var target = event.detail.target;
      if (target && (!target.isConnected || (target.id && event.detail.xhr.consoleRequest < (shown[target.id] || 0)))) {
        event.detail.shouldSwap = false;
        return;
      }
      if (request && request.elt.id === 'filter' && request.formData.get('filter') !== request.elt.value) {
        event.detail.shouldSwap = false;
      }
      var checked = request && request.elt.id === 'selection'
        && request.elt.querySelector('input[name="selected"]:checked');
      if (checked && request.formData.get('selected') !== checked.value) {
        event.detail.shouldSwap = false;
      }
      if (event.detail.shouldSwap && target && target.id) { shown[target.id] = event.detail.xhr.consoleRequest; }
    });
    // An answer at the address the page is at already (a form that comes back to its page: a token created, a
    // check run) takes the page's place in the history, as a browser does for a link to the page it shows, so that
    // Back goes to the page before rather than to this one again.
    document.body.addEventListener('htmx:beforeHistoryUpdate', function (event) {
      var update = event.detail.history;
      if (update.type === 'push' && update.path === location.pathname + location.search) { update.type = 'replace'; }
    });
    document.body.addEventListener('htmx:responseError', function (event) {
      var page = new DOMParser().parseFromString(event.detail.xhr.responseText || '', 'text/html');
      var message = page.getElementById('problem-message');
      showError(message ? message.textContent.trim() : document.getElementById('main').dataset.failed);
    });
    document.body.addEventListener('htmx:sendError', function () {
      showError(document.getElementById('main').dataset.unreachable);
    });
    // Move focus to the new content after an in-place navigation, as a page load would (to a refused form's first
    // field in error), and say what its flash says (or, while the filter is typed in, how many match): a live region
    // swapped in with its text is not read out.
    document.body.addEventListener('htmx:afterSettle', function (event) {
      if (event.target.id === 'repositories' || event.target.id === 'branches') {
        settledPart(event.target);
        return;
      }
      if (event.target.id !== 'main') { return; }
      var said = event.target.querySelector('#flashbar .flash, [role="alert"]');
      if (!said && document.activeElement && document.activeElement.id === 'filter') {
        said = event.target.querySelector('#filter-matches');
      }
      announce(said ? said.textContent.replace(/\s+/g, ' ').trim() : '');
      // a form refused in place: its first field in error, whose label and error are read with it (htmx would give the
      // focus back to the button or the field it was submitted from)
      var error = submitted && event.target.querySelector('.form-field .field-error');
      var invalid = error && error.closest('.form-field').querySelector('input:not([type="hidden"]), textarea, select');
      // else what the new content asks to be read first (a secret shown once): htmx gives the focus back to the
      // button the form was sent from, which another Enter would press again
      var first = !invalid && event.target.querySelector('[autofocus]');
      if (invalid) {
        invalid.focus();
      } else if (first) {
        first.focus({ preventScroll: true });
      } else if (!event.target.contains(document.activeElement)) {
        var heading = event.target.querySelector('h1');
        if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
      }
    });
  });
})();
