// Progressive enhancement only: every page works without this file.
// Bootstrap Italia loads its web fonts from __PUBLIC_PATH__: point it at our self-hosted copy.
window.__PUBLIC_PATH__ = '/assets/bootstrap-italia/fonts';
document.addEventListener('DOMContentLoaded', function () {
  // Move focus to a form's error summary so screen readers announce it first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
