// Usage: {{t "search.results" count=12}} — the UI string in the page's language, placeholders filled.
// The page context carries `translate` (server/i18n), so helpers need no import of server code.
module.exports = function t(key, options) {
  return options.data.root.translate(key, options.hash);
};
