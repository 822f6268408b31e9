// The CKAN Action API: /api/3/action/NAME and /api/action/NAME, with CKAN's envelope and errors.
import express, { NextFunction, Request, Response, Router } from 'express';
import { authorizeAction, getAction, runAction } from '../core/actions';
import { ActionContext, Services } from '../core/context';
import { BadRequest, NotAuthorized, NotFound, SearchQueryError, ValidationError } from '../core/errors';
import { jsonOf } from '../core/immutable';
import { isUploadedFile } from '../files/store';
import { isMultipart, MultipartFields, parseMultipart } from '../files/multipart';

/** CKAN's success envelope, as res.json would send it; kept datasets' JSON is made once (jsonOf). */
function sendSuccess(res: Response, help: string, result: unknown): void {
  const text = jsonOf(result);
  if (text === undefined) {
    res.json({ help, success: true });
    return;
  }
  res.type('application/json').send(`{"help":${JSON.stringify(help)},"success":true,"result":${text}}`);
}

/** The help_show link CKAN puts in every answer of an action. */
export function helpUrl(req: Request, name: string): string {
  return `${req.protocol}://${req.get('host')}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
}

function clientErrorStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

export function errorEnvelope(error: unknown): { status: number; error: Record<string, unknown> } {
  if (error instanceof SearchQueryError) {
    return { status: error.status, error: { __type: 'Search Query Error', message: `Ricerca non valida. ${error.message}`, ...error.fields } };
  }
  if (error instanceof ValidationError) return { status: error.status, error: { __type: 'Validation Error', ...error.fields } };
  if (error instanceof NotAuthorized) return { status: 403, error: { __type: 'Authorization Error', message: `Accesso negato: ${error.message}` } };
  if (error instanceof NotFound) return { status: 404, error: { __type: 'Not Found Error', message: `Non trovato: ${error.message}` } };
  if (error instanceof BadRequest) return { status: 400, error: { __type: 'Bad Request', message: `Richiesta non valida: ${error.message}` } };
  // Express's own 4xx errors (a path with a malformed %-escape, an unreadable body) keep their status.
  if (clientErrorStatus(error)) return { status: clientErrorStatus(error)!, error: { __type: 'Bad Request', message: 'Richiesta non valida' } };
  return { status: 500, error: { __type: 'Internal Server Error', message: 'Errore interno: riprova più tardi' } };
}

/** GET query strings carry lists as repeated keys and JSON-looking values as text, as in CKAN. */
function queryInput(query: Request['query']): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) input[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return input;
}

/** Multipart fields arrive as text; structured fields (tags, extras...) may be JSON-encoded. */
function multipartInput(fields: MultipartFields): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'upload') continue;
    if (Array.isArray(value)) {
      input[key] = value; // a repeated field is a list, as in a GET query string
      continue;
    }
    const trimmed = value.trim();
    if ((trimmed.startsWith('[') || trimmed.startsWith('{')) && !['name', 'title', 'description', 'notes', 'url'].includes(key)) {
      try {
        input[key] = JSON.parse(trimmed);
        continue;
      } catch {
        /* a plain string that happens to start with a bracket */
      }
    }
    input[key] = value;
  }
  return input;
}

/**
 * The fields that say what an upload is for, as CKAN clients send them before the file: the action's
 * rule runs on them before a byte of the file is read. Other actions take no file: theirs is dropped unread.
 */
const UPLOAD_TARGETS: Record<string, string[]> = { resource_create: ['package_id'], resource_update: ['id'], resource_patch: ['id'] };

async function authorizeUploadTarget(name: string, ctx: ActionContext, fields: MultipartFields, targets: string[]): Promise<void> {
  const input: Record<string, string> = {};
  for (const key of targets) {
    const value = fields[key];
    // Only a plain identifier is worth a look-up here; anything else waits for the full validation.
    if (typeof value !== 'string' || !value || value.length > 200 || value.includes('\u0000')) return;
    input[key] = value;
  }
  await authorizeAction(name, ctx, input);
}

async function readMultipart(req: Request, name: string, ctx: ActionContext): Promise<Record<string, unknown>> {
  // Nobody anonymous sends files: refused before the body is read, so it never reaches the disk.
  if (!ctx.user) throw new NotAuthorized('per inviare un corpo multipart (un file) serve un token API valido');
  const targets = UPLOAD_TARGETS[name];
  const { fields, upload } = await parseMultipart(req, ctx.services.files, {
    storeFile: targets !== undefined,
    beforeFile: targets ? (sent) => authorizeUploadTarget(name, ctx, sent, targets) : undefined,
  });
  return upload ? { ...multipartInput(fields), upload } : multipartInput(fields);
}

async function readInput(req: Request, name: string, ctx: ActionContext): Promise<Record<string, unknown>> {
  if (req.method === 'GET') return queryInput(req.query);
  if (isMultipart(req)) return readMultipart(req, name, ctx);
  const body = req.body;
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) {
    return queryInput(req.query);
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('il corpo JSON deve essere un oggetto');
  return jsonSentAsForm(req, body) ?? (body as Record<string, unknown>);
}

/**
 * Old CKAN clients POST a JSON object with a form content type: it parses as one key with no value.
 * CKAN reads it as JSON, and so do we.
 */
function jsonSentAsForm(req: Request, body: Record<string, unknown>): Record<string, unknown> | null {
  const keys = Object.keys(body);
  if (!req.is('application/x-www-form-urlencoded') || keys.length !== 1 || body[keys[0]] !== '' || !keys[0].trim().startsWith('{')) return null;
  try {
    const parsed = JSON.parse(keys[0]);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
  } catch {
    throw new BadRequest('il corpo non è JSON valido');
  }
}

export function apiRouter(services: Services, log: (error: unknown, req?: Request) => void): Router {
  const router = Router();
  const json = express.json({ limit: '10mb', strict: false, type: ['application/json', 'text/plain', 'application/x-json'] });
  const form = express.urlencoded({ extended: false, limit: '10mb' });

  // An upload the action did not move into the store (refused, invalid, or sent to an action that
  // takes no file) must not stay in tmp/: removed before answering, so the client never sees it there.
  const discardUnkept = async (upload: unknown) => {
    if (isUploadedFile(upload)) await services.files.discard(upload).catch(log);
  };

  const handle = async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const help = helpUrl(req, name);
    let upload: unknown;
    try {
      const action = getAction(name);
      if (!action) throw new BadRequest(`azione sconosciuta "${name}"`);
      if (req.tokenRejected) throw new NotAuthorized('token API non valido o revocato');
      if (req.method === 'GET' && action.kind === 'write') throw new BadRequest(`l'azione ${name} richiede POST`);
      // A login cookie authorizes reads only: writes need a token, so a forged cross-site POST gets nothing.
      const ctx: ActionContext = { services, user: action.kind === 'write' && !req.viaToken ? null : req.actor };
      const input = await readInput(req, name, ctx);
      upload = input.upload;
      const result = await runAction(name, ctx, input);
      await discardUnkept(upload);
      sendSuccess(res, help, result);
    } catch (error) {
      const { status, error: body } = errorEnvelope(error);
      if (status === 500) log(error, req);
      await discardUnkept(upload);
      // A file refused unread is not read afterwards either (Node would drain it): the connection ends.
      if (isMultipart(req) && !req.complete) res.setHeader('Connection', 'close');
      res.status(status).json({ help, success: false, error: body });
    }
  };

  for (const prefix of ['/api/3/action', '/api/action']) {
    router.get(`${prefix}/:name`, handle);
    router.post(`${prefix}/:name`, (req, res, next) => (isMultipart(req) ? next() : json(req, res, next)), form, handle);
  }
  router.get('/api/3', (_req, res) => res.json({ version: 3 }));
  router.get('/api', (_req, res) => res.json({ version: 3 }));
  // Malformed JSON: the body parser fails before the handler; answer in the envelope.
  router.use('/api', (error: Error & { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    // req.params is not filled in here: the action name is the last segment of the path.
    const help = helpUrl(req, req.path.split('/').pop() ?? '');
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ help, success: false, error: { __type: 'Bad Request', message: 'Richiesta non valida: il corpo non è JSON valido' } });
    } else if (error.type === 'entity.too.large') {
      res.status(413).json({ help, success: false, error: { __type: 'Validation Error', __root: ['Corpo della richiesta troppo grande'] } });
    } else next(error);
  });
  return router;
}

