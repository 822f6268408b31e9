// Progressive enhancement only: every page works without this file.
// Bootstrap Italia loads its web fonts from __PUBLIC_PATH__: point it at our self-hosted copy.
window.__PUBLIC_PATH__ = '/assets/bootstrap-italia/fonts';

/** As the server's slugify (server/dcat/import/identifiers.ts): "Qualità dell'aria" → "qualita-dell-aria". */
function catalogoSlug(text) {
  var dashed = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-_]+/, '');
  var slug = dashed.slice(0, 100);
  while (slug && /[-_]$/.test(slug)) slug = slug.slice(0, -1);
  return slug.length >= 2 ? slug : '';
}

/** The name box follows the title until the editor types in it (or it came back holding another name). */
function catalogoNameFromTitle(wrapper) {
  var title = document.getElementById(wrapper.getAttribute('data-slug-from'));
  var name = wrapper.querySelector('input');
  if (!title || !name) return;
  var following = !name.value || name.value === catalogoSlug(title.value);
  name.addEventListener('input', function () { following = !name.value; });
  title.addEventListener('input', function () { if (following) name.value = catalogoSlug(title.value); });
}

function catalogoFolded(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A filter box over a long list of checkboxes: hides what does not match and says how many are shown. */
function catalogoChoiceFilter(fieldset) {
  var list = fieldset.querySelector('.catalogo-choices-list');
  if (!list) return;
  var id = fieldset.id + '-filter';
  var box = document.createElement('div');
  box.className = 'catalogo-choices-filter';
  var label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = fieldset.getAttribute('data-filter-label');
  var input = document.createElement('input');
  input.type = 'search';
  input.id = id;
  input.className = 'form-control';
  input.autocomplete = 'off';
  var count = document.createElement('p');
  count.id = id + '-count';
  count.className = 'small mb-1';
  count.setAttribute('aria-live', 'polite');
  input.setAttribute('aria-describedby', count.id);
  box.appendChild(label);
  box.appendChild(input);
  box.appendChild(count);
  list.parentNode.insertBefore(box, list);
  var items = Array.prototype.slice.call(list.querySelectorAll('.form-check'));
  var groups = Array.prototype.slice.call(list.querySelectorAll('.catalogo-choices-group'));
  var template = fieldset.getAttribute('data-count-template');
  function apply() {
    var wanted = catalogoFolded(input.value.trim());
    var shown = 0;
    items.forEach(function (item) {
      var match = !wanted || catalogoFolded(item.textContent).indexOf(wanted) >= 0;
      item.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (group) { group.hidden = !group.querySelector('.form-check:not([hidden])'); });
    count.textContent = template.replace('{shown}', shown).replace('{total}', items.length);
  }
  // Enter in the filter box would send the form half filled in.
  input.addEventListener('keydown', function (event) { if (event.key === 'Enter') event.preventDefault(); });
  input.addEventListener('input', apply);
  apply();
}

/** A "Copy" button for the text of another element; the status next to it says it is done. */
function catalogoCopyButton(button) {
  var source = document.getElementById(button.getAttribute('data-copy-target'));
  var status = button.parentNode.querySelector('.catalogo-copy-status');
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      if (status) status.textContent = button.getAttribute('data-copied');
    }, function () {
      // Not allowed here (an http page, a denied permission): select the text for the visitor to copy.
      var range = document.createRange();
      range.selectNodeContents(source);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    });
  });
}

document.addEventListener('DOMContentLoaded', function () {
  // Move focus to a form's error summary so screen readers announce it first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  Array.prototype.forEach.call(document.querySelectorAll('[data-slug-from]'), catalogoNameFromTitle);
  Array.prototype.forEach.call(document.querySelectorAll('[data-choices]'), catalogoChoiceFilter);
  Array.prototype.forEach.call(document.querySelectorAll('[data-copy-target]'), catalogoCopyButton);
});
