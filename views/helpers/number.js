// Usage: {{number result.count}} — a number as the page's language writes it: "12.345" in Italian, "12,345" in
// English (server/i18n formatNumber does the same for code). Anything not a number is shown as it is.
// Formatters are costly to build: one per language, made once.
const formatters = {
  'it-IT': new Intl.NumberFormat('it-IT'),
  'en-GB': new Intl.NumberFormat('en-GB'),
};

module.exports = function number(value, options) {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return value === undefined || value === null ? '' : String(value);
  return formatters[options.data.root.lang === 'en' ? 'en-GB' : 'it-IT'].format(n);
};
