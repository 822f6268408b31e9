// The actions layer: every read and write of the API and the pages is a named action (CKAN's names).
// An action declares its input schema and its authorization rule; the runner validates, authorizes,
// then runs. An action without a rule cannot be declared: public reads say `auth: publicAction`.
import { ValidateFunction } from 'ajv';
import { ActionContext } from './context';
import { BadRequest, FieldErrors, mergeFieldErrors, ValidationError } from './errors';
import { booleanProperties, ckanBoolean, compileSchema, toFieldErrors } from './schemas';
import { uniqueViolation } from './unique-violation';

export type AuthRule<I> = (ctx: ActionContext, input: I) => Promise<void> | void;

/** Marks an action that anyone may call; visibility of what it returns is the action's own job. */
export const publicAction: AuthRule<unknown> = () => undefined;

export interface ActionDefinition<I = any, O = unknown> {
  name: string;
  /** Reads answer GET and POST; writes only POST. */
  kind: 'read' | 'write';
  /** File name in schemas/, or null for actions that take no input. */
  schema: string | null;
  auth: AuthRule<I>;
  /** `schemaErrors` is given only to an action that `collectsErrors`, when the JSON Schema refused its input. */
  run: (ctx: ActionContext, input: I, schemaErrors?: FieldErrors) => Promise<O>;
  /** One-line description, used by /api/3/action/help_show and the OpenAPI document. */
  help: string;
  /**
   * Read by the pages only, as CKAN's views pass context['for_view'] or ['for_edit'] to package_show:
   * the API, help_show and the OpenAPI document do not know it.
   */
  internal?: boolean;
  /**
   * Run even when the JSON Schema refused the input (without the fields it refused, and with its errors),
   * so that one answer lists every field's problem, the checks beyond the schema included, as a form
   * needs. Such an action must throw a ValidationError holding those errors before it writes anything.
   */
  collectsErrors?: boolean;
  /**
   * Normalises the input before the schema judges it (after booleans): values in the forms CKAN takes
   * (trimmed emails, licence URLs, vocabulary labels...), as CKAN's own validators convert them.
   */
  prepare?: (input: Record<string, unknown>) => void;
}

interface Registered {
  definition: ActionDefinition;
  validate: ValidateFunction | null;
  /** Its top-level boolean fields: they take CKAN's forms of a boolean (True, yes, 1...). */
  booleans: Set<string>;
}

const registry = new Map<string, Registered>();

export function defineAction<I, O>(definition: ActionDefinition<I, O>): ActionDefinition<I, O> {
  if (typeof definition.auth !== 'function') {
    throw new Error(`action ${definition.name} has no authorization rule`);
  }
  return definition;
}

export function registerActions(definitions: ActionDefinition[]): void {
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`action ${definition.name} registered twice`);
    const validate = definition.schema ? compileSchema(definition.schema) : null;
    registry.set(definition.name, { definition, validate, booleans: definition.schema ? booleanProperties(definition.schema) : new Set() });
  }
}

/** An action of the API (internal ones are left out). */
export function getAction(name: string): ActionDefinition | undefined {
  const definition = registry.get(name)?.definition;
  return definition?.internal ? undefined : definition;
}

/** The API's actions, by name (internal ones are left out). */
export function listActions(): ActionDefinition[] {
  return [...registry.values()].map((r) => r.definition).filter((d) => !d.internal).sort((a, b) => a.name.localeCompare(b.name));
}

/** Far deeper than any CKAN dict (a resource's extras sit at level 4): past it, nothing recursive may look. */
export const MAX_INPUT_DEPTH = 64;

/** The first top-level field nested deeper than `max` levels, found without recursion (so without a stack to blow). */
export function tooDeepField(input: Record<string, unknown>, max = MAX_INPUT_DEPTH): string | null {
  for (const [field, value] of Object.entries(input)) {
    const stack: [unknown, number][] = [[value, 1]];
    while (stack.length) {
      const [current, depth] = stack.pop()!;
      if (current === null || typeof current !== 'object') continue;
      if (depth > max) return field;
      for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
    }
  }
  return null;
}

/** The path of the first string holding a NUL character: PostgreSQL cannot store one in text. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '__root' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * Only the authorization rule of `name`, on part of its input: for checks that must come before the rest
 * of a request is read (a file upload's target). runAction still checks everything again.
 */
export async function authorizeAction(name: string, ctx: ActionContext, input: Record<string, unknown>): Promise<void> {
  const registered = registry.get(name);
  if (!registered) throw new BadRequest(`Azione sconosciuta: ${name}`);
  await registered.definition.auth(ctx, input);
}

/**
 * A read ignores the parameters it does not know, as CKAN's do: clients send flags that only some
 * CKAN versions read (ckanapi asks every *_show for include_datasets, include_users...). Writes still
 * refuse unknown fields (or keep them as extras), so that a typo is never lost silently.
 */
function dropUnknownFields(validate: ValidateFunction, data: Record<string, unknown>): void {
  const properties = (validate.schema as { properties?: Record<string, unknown> }).properties;
  if (!properties) return;
  for (const field of Object.keys(data)) if (!Object.hasOwn(properties, field)) delete data[field];
}

/**
 * The schema's errors and, for an action that collects them, those of its own checks on the rest of the
 * input. A caller the action would refuse learns nothing more than the schema tells (as before auth).
 */
async function refused(definition: ActionDefinition, ctx: ActionContext, data: Record<string, unknown>, errors: FieldErrors): Promise<ValidationError> {
  if (!definition.collectsErrors || errors.__root) return new ValidationError(errors);
  const rest = { ...data };
  for (const field of Object.keys(errors)) delete rest[field.split('.')[0]];
  try {
    await definition.auth(ctx, rest);
    await definition.run(ctx, rest, errors);
  } catch (error) {
    if (error instanceof ValidationError) return new ValidationError(mergeFieldErrors(errors, error.fields));
  }
  return new ValidationError(errors);
}

/** Validates, authorizes, then runs the action named `name`. */
export async function runAction<O = any>(name: string, ctx: ActionContext, input: Record<string, unknown> = {}): Promise<O> {
  const registered = registry.get(name);
  if (!registered) throw new BadRequest(`Azione sconosciuta: ${name}`);
  const { definition, validate, booleans } = registered;
  // Uploads are streams already written to a temporary file: they bypass the JSON Schema.
  // Before anything recursive looks at it, the upload field too (a JSON body can send any object there).
  const deep = tooDeepField(input);
  const { upload, ...plain } = input;
  if (deep) throw ValidationError.field(deep, `Struttura troppo annidata: al massimo ${MAX_INPUT_DEPTH} livelli`);
  const data = structuredClone(plain) as Record<string, unknown>;
  const nul = nulPath(data, '');
  if (nul) throw ValidationError.field(nul, 'Il testo contiene un carattere nullo (\\u0000), non ammesso: toglilo');
  if (validate && definition.kind === 'read') dropUnknownFields(validate, data);
  for (const field of booleans) if (field in data) data[field] = ckanBoolean(data[field]);
  definition.prepare?.(data);
  if (validate && !validate(data)) throw await refused(definition, ctx, data, toFieldErrors(validate.errors));
  if (upload !== undefined) data.upload = upload;
  await definition.auth(ctx, data);
  try {
    return (await definition.run(ctx, data)) as O;
  } catch (error) {
    // Mapped here, once, so that the API and the pages both answer a race for a name with a field error.
    throw uniqueViolation(error) ?? error;
  }
}
