// The OpenAPI 3.1 description of the Action API, generated from the action registry and the JSON Schemas
// in schemas/, so it cannot drift from what the API accepts. Served at /api/openapi.json; read by /api/docs.
import fs from 'node:fs';
import path from 'node:path';
import { ActionDefinition, listActions } from '../core/actions';
import { actionExamples } from './openapi-examples';

type Json = Record<string, any>;

export const ACTION_PATH_PREFIX = '/api/3/action/';
const SCHEMA_REF_PREFIX = '#/components/schemas/';

function findSchemasDir(): string {
  // ts-jest runs this file from server/http, the build from dist/server/http.
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    const candidate = path.resolve(__dirname, ...up, 'schemas');
    if (fs.existsSync(path.join(candidate, 'definitions.json'))) return candidate;
  }
  throw new Error('cartella schemas/ non trovata');
}

const stem = (file: string) => file.replace(/\.json$/, '');

/** 'definitions.json#/$defs/X', '#/$defs/X' and 'file.json' all become component references. */
function componentRef(ref: string): string {
  const match = /^(?:[\w.-]+\.json)?#\/\$defs\/([\w.-]+)$/.exec(ref);
  if (match) return SCHEMA_REF_PREFIX + match[1];
  if (/^[\w.-]+\.json$/.test(ref)) return SCHEMA_REF_PREFIX + stem(ref);
  throw new Error(`riferimento $ref non convertibile in OpenAPI: ${ref}`);
}

/** A copy of a JSON Schema without $id/$schema (they would change how $refs resolve) and with refs rewritten. */
function toComponent(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toComponent);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || key === '$schema' || key === '$defs') continue;
    copy[key] = key === '$ref' ? componentRef(String(value)) : toComponent(value);
  }
  return copy;
}

/** Every schema file: action schemas under their file name, shared $defs under their own name. */
function schemaComponents(): Json {
  const dir = findSchemasDir();
  const components: Json = {};
  const add = (name: string, schema: unknown) => {
    if (components[name]) throw new Error(`due schemi con lo stesso nome: ${name}`);
    components[name] = toComponent(schema);
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const [name, def] of Object.entries(schema.$defs ?? {})) add(name, def);
    if (!schema.$defs) add(stem(file), schema);
  }
  return components;
}

/** Top-level properties of a component, following $ref and allOf (package_create is a $ref to packageFields). */
function propertiesOf(schema: Json, schemas: Json): Json {
  const fromRef = schema.$ref ? propertiesOf(schemas[schema.$ref.slice(SCHEMA_REF_PREFIX.length)], schemas) : {};
  const fromAllOf = (schema.allOf ?? []).map((part: Json) => propertiesOf(part, schemas));
  return Object.assign({}, fromRef, ...fromAllOf, schema.properties ?? {});
}

const errorStatuses: Record<string, { name: string; description: string; example: Json }> = {
  400: { name: 'BadRequest', description: 'Richiesta non valida (JSON malformato, azione sconosciuta)', example: { __type: 'Bad Request', message: 'Richiesta non valida: il corpo non è JSON valido' } },
  403: { name: 'NotAuthorized', description: 'Accesso negato: serve un token API o un ruolo adeguato', example: { __type: 'Authorization Error', message: 'Accesso negato: Solo un amministratore di sistema può farlo' } },
  404: { name: 'NotFound', description: 'Oggetto non trovato', example: { __type: 'Not Found Error', message: 'Non trovato: Dataset non trovato: bilancio-2024' } },
  409: { name: 'ValidationError', description: 'Dati non validi: un elenco di messaggi per campo', example: { __type: 'Validation Error', name: ['Questo URL è già in uso'] } },
};

function envelopeSchemas(): Json {
  const help = { type: 'string', format: 'uri', description: "Indirizzo dell'aiuto sull'azione (help_show)" };
  return {
    SuccessEnvelope: {
      type: 'object', required: ['help', 'success', 'result'],
      properties: { help, success: { const: true }, result: { description: "Il risultato dell'azione" } },
    },
    ErrorEnvelope: {
      type: 'object', required: ['help', 'success', 'error'],
      properties: {
        help, success: { const: false },
        error: {
          type: 'object', required: ['__type'],
          description: "Come in CKAN: __type e message, oppure (Validation Error) un elenco di messaggi per ogni campo",
          properties: { __type: { type: 'string' }, message: { type: 'string' } },
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  };
}

function errorResponses(siteUrl: string): Json {
  const help = `${siteUrl}${ACTION_PATH_PREFIX}help_show?name=package_show`;
  const responses: Json = {};
  for (const { name, description, example } of Object.values(errorStatuses)) {
    responses[name] = {
      description,
      content: { 'application/json': { schema: { $ref: `${SCHEMA_REF_PREFIX}ErrorEnvelope` }, example: { help, success: false, error: example } } },
    };
  }
  return responses;
}

function responsesFor(): Json {
  const responses: Json = {
    200: { description: 'Azione riuscita', content: { 'application/json': { schema: { $ref: `${SCHEMA_REF_PREFIX}SuccessEnvelope` } } } },
  };
  for (const [status, { name }] of Object.entries(errorStatuses)) responses[status] = { $ref: `#/components/responses/${name}` };
  return responses;
}

function queryParameters(action: ActionDefinition, schemas: Json): Json[] {
  if (!action.schema) return [];
  const schema = schemas[stem(action.schema)];
  const required: string[] = schema.required ?? [];
  const example = actionExamples[action.name] ?? {};
  return Object.entries(propertiesOf(schema, schemas)).map(([name, property]) => ({
    name, in: 'query', required: required.includes(name), schema: property,
    ...(example[name] !== undefined ? { example: example[name] } : {}),
  }));
}

const uploadField = { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream', description: 'Il file da caricare' };

function requestBody(action: ActionDefinition, schemas: Json): Json {
  const ref = action.schema ? { $ref: SCHEMA_REF_PREFIX + stem(action.schema) } : { type: 'object', additionalProperties: false };
  const content: Json = { 'application/json': { schema: ref, example: actionExamples[action.name] ?? {} } };
  // Actions whose schema has an `upload` field take a file too, as CKAN's resource_create does.
  if (action.schema && 'upload' in propertiesOf(schemas[stem(action.schema)], schemas)) {
    content['multipart/form-data'] = {
      schema: { allOf: [ref, { type: 'object', properties: { upload: uploadField } }] },
      encoding: { upload: { contentType: 'application/octet-stream' } },
    };
  }
  return { required: action.kind === 'write', content };
}

const TAGS: [RegExp, string][] = [
  [/^(package|dataset|current_package|recently_changed|tag_list|license_list)/, 'Dataset'],
  [/^resource/, 'Risorse'],
  [/^(organization|group)/, 'Organizzazioni e gruppi'],
  [/^(user|api_token)/, 'Utenti e token'],
];

const tagOf = (name: string) => TAGS.find(([pattern]) => pattern.test(name))?.[1] ?? 'Portale';

function operation(action: ActionDefinition, method: 'get' | 'post'): Json {
  // Reads may be anonymous (the token only widens what is visible); writes need an identity.
  const security = action.kind === 'read' ? [{}, { ckanApiKey: [] }] : [{ ckanApiKey: [] }];
  return {
    operationId: method === 'post' ? action.name : `${action.name}_get`,
    summary: action.help, tags: [tagOf(action.name)], security, responses: responsesFor(),
  };
}

function pathItem(action: ActionDefinition, schemas: Json): Json {
  const item: Json = { post: { ...operation(action, 'post'), requestBody: requestBody(action, schemas) } };
  if (action.kind === 'read') item.get = { ...operation(action, 'get'), parameters: queryParameters(action, schemas) };
  return item;
}

const DESCRIPTION = [
  'L\'API del catalogo è compatibile con la **CKAN Action API v3**: ogni azione risponde a `/api/3/action/NOME`',
  '(anche `/api/action/NOME`) con la busta `{help, success, result}`, o `{help, success: false, error}` in caso di errore.',
  'Le azioni di lettura accettano GET (parametri nella query) e POST; quelle di scrittura solo POST, con corpo JSON.',
  'Per scrivere serve un token API nell\'intestazione `Authorization` (il token da solo, come nei client CKAN, oppure `Bearer TOKEN`).',
  'Un token si ottiene da un amministratore, o con `npm run -s cli -- token NOME` sul server.',
  '',
  '**Come CKAN, senza perdere nulla.** Le letture ignorano i parametri che non usano. Le scritture di dataset e risorse',
  'accettano i record come li pubblica CKAN: i campi che il portale non conosce diventano *extras* del dataset',
  '(testo; liste e oggetti come JSON) o campi della risorsa, e tornano da `package_show`; i campi che CKAN calcola da sé',
  '(`revision_id`, `tracking_summary`, `num_resources`, `num_tags`, `relationships_as_*`, `metadata_created`,',
  '`metadata_modified`, `creator_user_id`, `organization`, `isopen`, `license_title`, `license_url`) sono ignorati.',
  'I valori sono letti nelle forme di CKAN prima di essere giudicati: booleani `true/false/True/False/1/0/yes/no`,',
  'email senza spazi ai lati, licenze per id, titolo o URL ricondotte all\'elenco (altrimenti tenute come date),',
  'voci dei vocabolari per codice, URI EU o etichetta italiana o inglese (`Ambiente` e `Environment` → `ENVI`),',
  '`url` del dataset come testo libero, titolo mancante = nome, testi multilingue di ckanext-fluent (`{"it": ..., "en": ...}`).',
  'Restano errori per campo (409, in italiano) i valori di campi noti che non si possono conservare.',
].join('\n');

export function buildOpenApiDocument(siteUrl: string): Json {
  const fromFiles = schemaComponents();
  const envelopes = envelopeSchemas();
  const clash = Object.keys(envelopes).find((name) => name in fromFiles);
  if (clash) throw new Error(`uno schema in schemas/ si chiama come la busta della risposta: ${clash}`);
  const schemas = { ...fromFiles, ...envelopes };
  const paths: Json = {};
  for (const action of listActions()) paths[ACTION_PATH_PREFIX + action.name] = pathItem(action, schemas);
  return {
    openapi: '3.1.0',
    info: { title: 'API del catalogo dei dati aperti', version: '3', description: DESCRIPTION, license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' } },
    servers: [{ url: siteUrl, description: 'Questo portale' }],
    tags: [...new Set([...TAGS.map(([, tag]) => tag), 'Portale'])].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: errorResponses(siteUrl),
      securitySchemes: {
        ckanApiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token API, come in CKAN: il token da solo (o `Bearer TOKEN`)' },
      },
    },
  };
}
