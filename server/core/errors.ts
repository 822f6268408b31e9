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
    // `this`: SearchQueryError.field makes a SearchQueryError.
    return new this({ [field]: [message] }, status);
  }
}

/**
 * A search CKAN's Solr could not run (unbalanced quotes, unknown sort or facet fields...): CKAN's
 * `Search Query Error`, with a message, and here also the messages by field, as a ValidationError has them.
 */
export class SearchQueryError extends ValidationError {}

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
