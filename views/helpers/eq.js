// Usage: {{#if (eq value "CC-BY-4.0")}}selected{{/if}} — strict equality of two values.
module.exports = function eq(a, b) {
  return a === b;
};
