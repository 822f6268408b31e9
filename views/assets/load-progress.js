// Progressive enhancement of views/partials/load-progress.hbs: while a file loads into the DataStore,
// ask resource_validation_show for its progress every second or two, update the bar and its text, and
// reload the page when the load ends (the page then shows the report, or the preview).
(function () {
  'use strict';
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function start(box) {
    var bar = box.querySelector('[role="progressbar"]');
    var text = box.querySelector('#load-progress-text');
    var numbers = new Intl.NumberFormat(box.getAttribute('data-lang') === 'en' ? 'en-GB' : 'it-IT');
    var interval = Number(box.getAttribute('data-poll-interval')) || 1500;
    function show(progress) {
      var rows = numbers.format((progress && progress.rows_read) || 0);
      var percent = progress && typeof progress.percent === 'number' ? Math.max(0, Math.min(100, Math.round(progress.percent))) : null;
      if (percent !== null) {
        bar.style.width = percent + '%';
        bar.setAttribute('aria-valuenow', String(percent));
        text.textContent = format(box.getAttribute('data-rows-percent'), { rows: rows, percent: percent });
      } else {
        text.textContent = format(box.getAttribute('data-rows'), { rows: rows });
      }
    }
    function poll() {
      fetch(box.getAttribute('data-poll-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          // Refused or gone: stop here, the page's refresh link still works.
          if (!body || body.success !== true) return;
          var result = body.result;
          if (!result || (result.status !== 'pending' && result.status !== 'running')) { window.location.reload(); return; }
          show(result.progress);
          window.setTimeout(poll, interval);
        })
        .catch(function () { window.setTimeout(poll, interval * 2); });
    }
    window.setTimeout(poll, interval);
  }
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('.catalogo-load-progress[data-poll-url]');
    if (box && window.fetch) start(box);
  });
})();
