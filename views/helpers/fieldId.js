// Usage: id="{{fieldId "resources.0.url"}}" → "field-resources-0-url": a stable id for inputs and error links.
module.exports = function fieldId(name) {
  return `field-${String(name).replace(/[^A-Za-z0-9_-]/g, '-')}`;
};
