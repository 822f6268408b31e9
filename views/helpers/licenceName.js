// Usage: {{licenceName dataset.license_id dataset.license_title}} — the licence's title in the page's language
// (the i18n's licence.title.* where the licence list's title is Italian), else the title given.
module.exports = function licenceName(id, listed, options) {
  const key = `licence.title.${id || ''}`;
  const text = options.data.root.translate(key);
  return text === key ? listed || id || '' : text;
};
