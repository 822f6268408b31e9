// Starts Swagger UI on /api/docs. A file, not an inline script: the CSP allows scripts from 'self' only.
// Without JavaScript the page still lists every action (rendered by the server); with it, that list
// folds away under the interactive explorer.
(function () {
  'use strict';
  var container = document.getElementById('swagger-ui');
  if (!container || typeof window.SwaggerUIBundle !== 'function') return;
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    domNode: container,
    deepLinking: true,
    docExpansion: 'none',
    // The public validator would send our document to a third-party site.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
  var list = document.getElementById('elenco-azioni');
  if (list) list.removeAttribute('open');
})();
