// Usage: {{#with (errorsFor "name")}}…{{/with}} — the messages for one form field, from the page's `errors`.
module.exports = function errorsFor(name, options) {
  const errors = options.data.root.errors || {};
  return Object.prototype.hasOwnProperty.call(errors, name) ? errors[name] : null;
};
