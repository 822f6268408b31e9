// Usage: {{date dataset.metadata_modified}} — an ISO timestamp as a long date in the page's language, Rome time.
// CKAN timestamps are UTC without a zone suffix: read them as UTC, whatever the server's own zone.
// Formatters are costly to build: one per language, made once.
const formatters = {
  'it-IT': new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }),
  'en-GB': new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }),
};

module.exports = function date(value, options) {
  if (!value) return '';
  const text = String(value);
  const when = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  if (Number.isNaN(when.getTime())) return text;
  const locale = options.data.root.lang === 'en' ? 'en-GB' : 'it-IT';
  return formatters[locale].format(when);
};
