// JSON Schemas from schemas/, compiled once at start-up. Validation errors become per-field Italian
// messages in CKAN's shape: { field: ["message"] }.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FieldErrors } from './errors';

export const schemasDir = path.resolve(__dirname, '..', '..', '..', 'schemas');

function findSchemasDir(): string {
  // Compiled code runs from dist/server/core, ts-jest from server/core.
  for (const candidate of [schemasDir, path.resolve(__dirname, '..', '..', 'schemas')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('cartella schemas/ non trovata');
}

/**
 * Beyond 2^53 integers are no longer exact, and ajv's coercion lets "Infinity" through as an integer
 * (its own number keywords skip non-finite values, hence no `type: 'number'` here).
 */
export function addSafeIntegerKeyword(target: Ajv2020): void {
  target.addKeyword({
    keyword: 'x-safe-integer', schemaType: 'boolean',
    validate: (enabled: boolean, data: unknown) => !enabled || typeof data !== 'number' || Number.isSafeInteger(data),
  });
}

/** Adds x-safe-integer to every integer of a schema (our own files: small and shallow), so none can forget it. */
function withSafeIntegers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withSafeIntegers);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withSafeIntegers(value)]));
  const type = (node as { type?: unknown }).type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) copy['x-safe-integer'] = true;
  return copy;
}

const ajv = new Ajv2020({ allErrors: true, verbose: true, coerceTypes: true, useDefaults: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
addSafeIntegerKeyword(ajv);
let loaded = false;
const extensions = new Set<SchemaExtension>();

/** Adds keywords of a domain's own to the ajv that compiles schemas/ (strict: an unknown keyword throws). */
export type SchemaExtension = (target: Ajv2020) => void;

/**
 * Called by the composition root (server/actions.ts), and by any domain code that compiles a schema
 * before it, so that core never imports a domain: dcat's x-vocabulary keyword arrives this way.
 */
export function extendSchemas(extension: SchemaExtension): void {
  if (extensions.has(extension)) return;
  extension(ajv);
  extensions.add(extension);
}

function loadAll(): void {
  if (loaded) return;
  const dir = findSchemasDir();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    ajv.addSchema(withSafeIntegers(schema) as object, file);
  }
  loaded = true;
}

export function compileSchema(file: string): ValidateFunction {
  loadAll();
  const validate = ajv.getSchema(file);
  if (!validate) throw new Error(`schema ${file} non trovato in schemas/`);
  return validate;
}

function fieldOf(error: ErrorObject): string {
  const pointer = error.instancePath.replace(/^\//, '').split('/').filter(Boolean);
  if (error.keyword === 'required') pointer.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') pointer.push(String(error.params.additionalProperty));
  if (error.keyword === 'unevaluatedProperties') pointer.push(String(error.params.unevaluatedProperty));
  // CKAN reports nested errors under the top-level field (e.g. "resources"); keep the path readable.
  return pointer.length ? pointer.join('.') : '__root';
}

function messageOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'Campo obbligatorio mancante';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'Campo sconosciuto: controlla il nome';
    case 'type':
      return `Tipo errato: atteso ${translateType(String(p.type))}`;
    case 'maxLength':
      return `Troppo lungo: al massimo ${p.limit} caratteri`;
    case 'minLength':
      return p.limit === 1 ? 'Non può essere vuoto' : `Troppo corto: almeno ${p.limit} caratteri`;
    case 'pattern':
      return error.parentSchema?.description ?? 'Formato non valido';
    case 'format':
      return `Formato non valido: atteso ${p.format === 'email' ? 'un indirizzo email' : p.format}`;
    case 'enum':
      return `Valore non ammesso: scegli tra ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'maxItems':
      return `Troppi elementi: al massimo ${p.limit}`;
    case 'anyOf':
      // The alternatives' own messages say what is wrong (a list too long, say); this one only adds noise.
      return '';
    case 'minimum':
    case 'maximum':
      return `Valore fuori intervallo (${error.keyword === 'minimum' ? 'minimo' : 'massimo'} ${p.limit})`;
    case 'x-safe-integer':
      return `Numero non valido: atteso un intero tra -${Number.MAX_SAFE_INTEGER} e ${Number.MAX_SAFE_INTEGER}`;
    default:
      // Keywords added by extendSchemas write their own message.
      return error.message ?? 'Valore non valido';
  }
}

function translateType(type: string): string {
  const names: Record<string, string> = {
    string: 'un testo', integer: 'un numero intero', number: 'un numero', boolean: 'vero o falso',
    array: 'una lista', object: 'un oggetto',
  };
  return type.split(',').map((t) => names[t] ?? t).join(' o ');
}

export function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldErrors {
  // Sets while collecting: a long invalid list gives one error per item, and copying arrays would be quadratic.
  const fields = new Map<string, Set<string>>();
  for (const error of errors ?? []) {
    const field = fieldOf(error);
    const message = messageOf(error);
    if (!message) continue;
    if (!fields.has(field)) fields.set(field, new Set());
    fields.get(field)!.add(message);
  }
  return Object.fromEntries([...fields].map(([field, messages]) => [field, [...messages]]));
}

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; allOf?: SchemaNode[]; type?: unknown };

function resolveRef(ref: string): SchemaNode | undefined {
  // Our schemas point into definitions.json, from another file or from inside it ("#/$defs/...").
  const target = ref.startsWith('#') ? `definitions.json${ref}` : ref;
  return ajv.getSchema(target)?.schema as SchemaNode | undefined;
}

/** The top-level properties a schema names, through its $ref and allOf (each once): what an input may hold. */
export function schemaProperties(file: string): Map<string, SchemaNode> {
  loadAll();
  const found = new Map<string, SchemaNode>();
  const visit = (node: SchemaNode | undefined, depth: number): void => {
    if (!node || depth > 10) return;
    for (const [name, value] of Object.entries(node.properties ?? {})) if (!found.has(name)) found.set(name, value);
    if (node.$ref) visit(resolveRef(node.$ref), depth + 1);
    for (const part of node.allOf ?? []) visit(part, depth + 1);
  };
  visit(ajv.getSchema(file)?.schema as SchemaNode | undefined, 0);
  return found;
}

/** The top-level properties of a schema that take a boolean (a property may also name a $ref). */
export function booleanProperties(file: string): Set<string> {
  const takesBoolean = (node: SchemaNode): boolean => {
    const type = node.type ?? (node.$ref ? resolveRef(node.$ref)?.type : undefined);
    return type === 'boolean' || (Array.isArray(type) && type.includes('boolean'));
  };
  return new Set([...schemaProperties(file)].filter(([, node]) => takesBoolean(node)).map(([name]) => name));
}

const TRUE_WORDS = new Set(['true', 'yes', 't', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'f', 'n', '0', 'off']);

/**
 * A boolean in any of the forms CKAN's boolean_validator takes: True/False as Python's requests sends
 * them, yes/no, 1/0 (numbers too). Anything else is left for the schema to refuse.
 */
export function ckanBoolean(value: unknown): unknown {
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : value;
}
