// Usage: {{filesize resource.size}} — bytes as "183 kB" or "1,2 MB" (Italian decimal comma unless the page is in English).
// SI units (1 kB = 1000 bytes), as the "kB" symbol says: a file manager shows the same number.
// Formatters are costly to build: one per language, made once.
const formatters = {
  'it-IT': new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }),
  'en-GB': new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

module.exports = function filesize(bytes, options) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n <= 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let power = Math.min(Math.floor(Math.log10(n) / 3), units.length - 1);
  // 999 960 bytes would round to "1000 kB": show it as "1 MB" instead.
  if (Math.round((n / 1000 ** power) * 10) / 10 >= 1000 && power < units.length - 1) power += 1;
  const locale = options.data.root.lang === 'en' ? 'en-GB' : 'it-IT';
  return `${formatters[locale].format(n / 1000 ** power)} ${units[power]}`;
};
