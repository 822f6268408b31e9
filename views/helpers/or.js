// Usage: {{#if (or item.email item.url)}}…{{/if}} — true when any argument is truthy (options object excluded).
module.exports = function or(...args) {
  return args.slice(0, -1).some(Boolean);
};
