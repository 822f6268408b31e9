// Checks on a dataset's core fields that DCAT-AP_IT makes mandatory or shapes (title, notes, dct:identifier).
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { addError } from './field-parsers';

/**
 * Public datasets need a title; drafts and private datasets may wait. An empty description is accepted,
 * as CKAN accepts it: the feeds use the title for dct:description and the quality notes ask for one.
 */
export function checkMandatory(input: { title: string; isPublic: boolean }, errors: FieldErrors): void {
  if (!input.isPublic) return;
  if (!input.title.trim()) addError(errors, 'title', 'Il titolo è obbligatorio per un dataset pubblico (DCAT-AP_IT dct:title)');
}

/** "ipaCode:name", the form the AgID guidelines give for dct:identifier. */
export function derivedIdentifier(orgIdentifier: string, name: string): string {
  return orgIdentifier ? `${orgIdentifier}:${name}` : name;
}

export function checkIdentifier(value: unknown, errors: FieldErrors): string {
  const id = textOf(value).trim();
  if (id.length > 300) addError(errors, 'identifier', "L'identificativo è troppo lungo: al massimo 300 caratteri");
  if (/\s/.test(id)) addError(errors, 'identifier', "L'identificativo non può contenere spazi (forma consigliata: codiceIPA:nome)");
  return id;
}
