// Typed errors, mapped once: to CKAN's envelope in the API (http/api.ts), to pages in HTML.

export type FieldErrors = Record<string, string[]>;

export class ActionError extends Error {}

/** `first` and, for the fields it does not name, `later`: a field's first reported problem stands. */
export function mergeFieldErrors(first: FieldErrors, later: FieldErrors): FieldErrors {
  const merged = { ...first };
  for (const [field, messages] of Object.entries(later)) if (!merged[field]) merged[field] = messages;
  return merged;
}

export class ValidationError extends ActionError {
  constructor(public readonly fields: FieldErrors, public readonly status = 409) {
    super(Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; '));
  }
  static field(field: string, message: string, status = 409): ValidationError {
    return new ValidationError({ [field]: [message] }, status);
  }
}

export class NotFound extends ActionError {
  constructor(message = 'Non trovato') {
    super(message);
  }
}

export class NotAuthorized extends ActionError {
  constructor(message = 'Non hai i permessi per questa operazione') {
    super(message);
  }
}

/** A request the API cannot even read: malformed JSON, unknown action. */
export class BadRequest extends ActionError {}
