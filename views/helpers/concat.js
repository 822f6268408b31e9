// Usage: {{> field label=(concat (t "field.name") " *")}} — joins strings (helpers' options object excluded).
module.exports = function concat(...args) {
  return args.slice(0, -1).join('');
};
