// Usage: <a href="/dataset?tags={{encode name}}"> — percent-encodes a value for a URL query or path segment.
module.exports = function encode(value) {
  return encodeURIComponent(value === undefined || value === null ? '' : String(value));
};
