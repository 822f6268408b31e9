// GET /api/openapi.json (generated from the action registry) and GET /api/docs, a readable page that
// lists every action even without JavaScript and, with it, runs the self-hosted Swagger UI.
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { listActions } from '../core/actions';
import { assets } from '../core/assets';
import { projectRoot } from '../core/paths';
import { Services } from '../core/context';
import { ACTION_PATH_PREFIX, buildOpenApiDocument } from './openapi';

const templatePath = (): string => path.join(projectRoot(), 'views', 'api-docs.html');

function escapeHtml(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return value.replace(/[&<>"']/g, (c) => entities[c]);
}

function actionListHtml(): string {
  return listActions().map((action) => {
    const methods = action.kind === 'read' ? 'GET o POST' : 'POST';
    return `        <dt id="azione-${action.name}"><code>${escapeHtml(ACTION_PATH_PREFIX + action.name)}</code> <small>(${methods})</small></dt>\n`
      + `        <dd>${escapeHtml(action.help)}</dd>`;
  }).join('\n');
}

function renderDocsPage(): string {
  const urls = assets().layout;
  const template = fs.readFileSync(templatePath(), 'utf8').replace(/\{\{(\w+(?:Css|Js))\}\}/g, (_match, key: string) => urls[key]);
  return template.replace('{{count}}', String(listActions().length)).replace('{{actions}}', actionListHtml());
}

export function apiDocsRouter(services: Services): Router {
  const router = Router();
  // The registry is fixed once the app starts: build each answer once.
  let document: Record<string, unknown> | null = null;
  let page: string | null = null;
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument(services.config.siteUrl);
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    page ??= renderDocsPage();
    res.type('html').send(page);
  });
  return router;
}
