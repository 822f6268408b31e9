// Usage: {{filesize resource.size}} — bytes as "1,2 MB" (Italian decimal comma unless the page is in English).
module.exports = function filesize(bytes, options) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n <= 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const power = Math.min(Math.floor(Math.log(n) / Math.log(1024)), units.length - 1);
  const locale = options.data.root.lang === 'en' ? 'en-GB' : 'it-IT';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / 1024 ** power)} ${units[power]}`;
};
