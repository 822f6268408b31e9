// Usage: {{date dataset.metadata_modified}} — an ISO timestamp as a long date in the page's language, Rome time.
// CKAN timestamps are UTC without a zone suffix: read them as UTC, whatever the server's own zone.
module.exports = function date(value, options) {
  if (!value) return '';
  const text = String(value);
  const when = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  if (Number.isNaN(when.getTime())) return text;
  const locale = options.data.root.lang === 'en' ? 'en-GB' : 'it-IT';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(when);
};
