// activity_diff's changes put into words for the history pages: "Titolo cambiato da «A» a «B»",
// "Aggiunto il tag «x»", "Sostituito il file «a.csv» (12 kB) con «b.csv» (15 kB)". A sentence is a
// list of parts, so that the view escapes every value and marks what was before and after (<del>, <ins>).
import type { Change, Location } from '../activity/change-types';
import { subthemeByUri, termLabel, vocabulary } from '../dcat/vocabularies';
import { Lang, translate } from '../i18n';

/** Text of the sentence, a value before (old) or after (new) the change, another value, or a size in bytes. */
export type Part = { kind: 'text' | 'old' | 'new' | 'value'; text: string } | { kind: 'size'; size: number | null };

export interface Sentence { parts: Part[]; notes?: { old: string; new: string } }

/** Past this length a value is cut in a sentence (a description is shown whole as a word diff instead). */
const MAX_VALUE = 300;

function shortened(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The template's text around its {placeholders}, each placeholder a part of the kind its name says. */
export function sentence(lang: Lang, key: string, values: Record<string, string | number | null>): Sentence {
  const template = translate(lang, key);
  const parts: Part[] = [];
  let at = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (match.index > at) parts.push({ kind: 'text', text: template.slice(at, match.index) });
    const [name, value] = [match[1], values[match[1]]];
    if (name.endsWith('Size')) parts.push({ kind: 'size', size: typeof value === 'number' ? value : null });
    else parts.push({ kind: name === 'old' || name === 'new' ? name : 'value', text: shortened(String(value ?? '')) });
    at = match.index + match[0].length;
  }
  if (at < template.length) parts.push({ kind: 'text', text: template.slice(at) });
  return { parts };
}

function label(lang: Lang, keys: string[], fallback: string): string {
  for (const key of keys) {
    const text = translate(lang, key);
    if (text !== key) return text;
  }
  return fallback;
}

function fieldLabel(lang: Lang, field: string, resource = false): string {
  const own = resource ? [`change.resource_field.${field}`, `resource.${field}`] : [];
  return label(lang, [...own, `change.field.${field}`, `field.${field}`], field);
}

function themeLabel(lang: Lang, code: string): string {
  const term = vocabulary('data-theme').byCode(code);
  return term ? termLabel(term, lang) : code;
}

/** A stored value as a reader reads it: vocabulary labels for codes, lists joined, JSON for the rest. */
function shown(lang: Lang, field: string | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field === 'frequency' && typeof value === 'string') {
    const term = vocabulary('frequency').byCode(value);
    return term ? termLabel(term, lang) : value;
  }
  if (field === 'language' && typeof value === 'string') {
    const codes = value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
    return codes.map((code) => { const term = vocabulary('language').find(code); return term ? termLabel(term, lang) : code; }).join(', ');
  }
  if (typeof value === 'boolean') return translate(lang, value ? 'change.yes' : 'change.no');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function named(value: unknown, key: 'title' | 'name' = 'title'): string {
  const object = (value ?? {}) as Record<string, unknown>;
  return String(object[key] || object.name || object.id || '');
}

/** A resource is called by its name, or by its file's name for an upload without one. */
function resourceName(lang: Lang, change: Change): string {
  return change.resource?.name || change.resource?.file || translate(lang, 'resource.unnamed');
}

function fileSentence(lang: Lang, change: Change): Sentence {
  const [old, now] = [change.old as Location, change.new as Location];
  const kind = `${old.file !== undefined ? 'file' : 'link'}_${now.file !== undefined ? 'file' : 'link'}`;
  return sentence(lang, `change.new_file.${kind}`, {
    old: old.file ?? old.url, oldSize: old.size ?? null, new: now.file ?? now.url, newSize: now.size ?? null, resource: resourceName(lang, change),
  });
}

/** Sentences whose template is picked by the change's method and fills old, new and field. */
function methodSentence(lang: Lang, change: Change, field: string, values: Record<string, string> = {}): Sentence {
  return sentence(lang, `change.${change.type}.${change.method}`, {
    field, old: shown(lang, change.field, change.old), new: shown(lang, change.field, change.new), ...values,
  });
}

function resourceSentence(lang: Lang, change: Change): Sentence {
  const resource = resourceName(lang, change);
  switch (change.type) {
    case 'new_resource': case 'delete_resource': {
      const where = (change.new ?? change.old) as Location;
      const key = `change.${change.type}${where.file ? '.file' : ''}`;
      return sentence(lang, key, { value: resource, file: where.file ?? '', fileSize: where.size ?? null });
    }
    case 'resource_name': return sentence(lang, 'change.resource_name', { old: shown(lang, undefined, change.old) || translate(lang, 'resource.unnamed'), new: resource });
    case 'resource_url': return sentence(lang, 'change.resource_url', { old: String(change.old), new: String(change.new), resource });
    case 'new_file': return fileSentence(lang, change);
    case 'resource_field': return methodSentence(lang, change, fieldLabel(lang, change.field ?? '', true), { resource });
    default: return methodSentence(lang, change, '', { resource });
  }
}

function setSentence(lang: Lang, change: Change): Sentence {
  const value = change.new ?? change.old;
  const text = change.type === 'theme' ? themeLabel(lang, String(value))
    : change.type === 'subtheme' ? (() => { const term = subthemeByUri(String(value)); return term ? termLabel(term, lang) : String(value); })()
      : change.type === 'group' ? named(value) : String(value);
  return sentence(lang, `change.${change.type}.${change.method}`, { value: text });
}

/** One change in words, in the reader's language. */
export function changeSentence(lang: Lang, change: Change): Sentence {
  switch (change.type) {
    case 'title': case 'name': return sentence(lang, `change.${change.type}`, { old: String(change.old), new: String(change.new) });
    case 'notes': return { ...sentence(lang, `change.notes.${change.method}`, {}), notes: { old: String(change.old ?? ''), new: String(change.new ?? '') } };
    case 'private': return sentence(lang, change.new ? 'change.private.true' : 'change.private.false', {});
    case 'state': return sentence(lang, 'change.state', { old: label(lang, [`change.state.${change.old}`], String(change.old)), new: label(lang, [`change.state.${change.new}`], String(change.new)) });
    case 'org': case 'license': return sentence(lang, `change.${change.type}.${change.method}`, { old: named(change.old), new: named(change.new) });
    case 'tag': case 'theme': case 'subtheme': case 'group': return setSentence(lang, change);
    // DCAT-AP_IT fields read as the dataset's other fields.
    case 'field': case 'dcat': return methodSentence(lang, { ...change, type: 'field' }, fieldLabel(lang, change.field ?? ''));
    case 'extra': return methodSentence(lang, change, change.field ?? '');
    default: return resourceSentence(lang, change);
  }
}

/** "ha modificato il dataset": what kind of change an activity was. */
export function activityLabel(lang: Lang, type: string): string {
  return ['new package', 'changed package', 'deleted package'].includes(type) ? translate(lang, `activity.${type}`) : translate(lang, 'activity.other');
}

export function changeSentences(lang: Lang, changes: Change[]): Sentence[] {
  return changes.map((change) => changeSentence(lang, change));
}
