// DCAT-AP_IT dataset fields, named as ckanext-dcatapit names them. `readDatasetDcat` turns what a client
// sent (in any of the shapes CKAN clients use) into the stored form; `effectiveDcat` adds what the portal
// derives, so that a dataset with only CKAN's core fields still makes a complete DCAT-AP_IT record.
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import {
  readAlternateIdentifiers, readCreators, readStandards, readThemes, type AlternateIdentifier, type Creator, type Standard, type ThemeChoice,
} from './dataset-field-readers';
import { addError, httpUrl, isoDate, languageCodes, vocabularyCodeOrKept } from './field-parsers';

export type { AlternateIdentifier, Creator, Standard, ThemeChoice } from './dataset-field-readers';
export { checkIdentifier, checkMandatory, derivedIdentifier } from './dataset-checks';

/** What is stored in package.dcat: only what the editor gave. */
export interface StoredDatasetDcat {
  alternate_identifier?: AlternateIdentifier[];
  theme?: ThemeChoice[];
  frequency?: string;
  publisher_name?: string;
  publisher_identifier?: string;
  holder_name?: string;
  holder_identifier?: string;
  creator?: Creator[];
  issued?: string;
  modified?: string;
  language?: string[];
  temporal_start?: string;
  temporal_end?: string;
  geographical_name?: string;
  geographical_geonames_url?: string;
  conforms_to?: Standard[];
  is_version_of?: string;
  contact_name?: string;
  contact_email?: string;
}

export const DATASET_DCAT_FIELDS = [
  'alternate_identifier', 'theme', 'frequency', 'publisher_name', 'publisher_identifier', 'holder_name',
  'holder_identifier', 'creator', 'issued', 'modified', 'language', 'temporal_start', 'temporal_end',
  'geographical_name', 'geographical_geonames_url', 'conforms_to', 'is_version_of', 'contact_name', 'contact_email',
] as const;

export const DEFAULT_THEME = 'OP_DATPRO';
export const DEFAULT_FREQUENCY = 'UNKNOWN';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(input: Record<string, unknown>, key: string, max = 300): string {
  return textOf(input[key]).trim().slice(0, max);
}

/** Values CKAN takes and the feeds cannot publish, by field: kept as the extras FIELD_unmapped (liberal-input.ts). */
export type UnmappedValues = Record<'theme' | 'conforms_to' | 'frequency' | 'language' | 'geographical_name', string[]>;

/**
 * The stored form of the DCAT-AP_IT fields in `input`; absent or empty fields are left out. Theme,
 * frequency, language and place values outside their EU vocabularies and standards' URIs that are no web
 * address go to `unmapped` when it is given (kept as extras), else they are errors.
 */
export function readDatasetDcat(input: Record<string, unknown>, errors: FieldErrors, unmapped?: UnmappedValues): StoredDatasetDcat {
  const stored: StoredDatasetDcat = {
    alternate_identifier: readAlternateIdentifiers(input.alternate_identifier, errors),
    theme: readThemes(input.theme, errors, unmapped?.theme),
    frequency: vocabularyText(input, 'frequency', 'frequency', errors, unmapped?.frequency),
    publisher_name: text(input, 'publisher_name'),
    publisher_identifier: text(input, 'publisher_identifier', 100),
    holder_name: text(input, 'holder_name'),
    holder_identifier: text(input, 'holder_identifier', 100),
    creator: readCreators(input.creator, errors),
    issued: isoDate(input.issued, 'issued', errors),
    modified: isoDate(input.modified, 'modified', errors),
    language: languageCodes(input.language, 'language', errors, unmapped?.language),
    temporal_start: isoDate(input.temporal_start, 'temporal_start', errors),
    temporal_end: isoDate(input.temporal_end, 'temporal_end', errors),
    geographical_name: vocabularyText(input, 'geographical_name', 'place', errors, unmapped?.geographical_name),
    geographical_geonames_url: httpUrl(input.geographical_geonames_url, 'geographical_geonames_url', errors),
    conforms_to: readStandards(input.conforms_to, errors, unmapped?.conforms_to),
    is_version_of: httpUrl(input.is_version_of, 'is_version_of', errors),
    contact_name: text(input, 'contact_name'),
    contact_email: text(input, 'contact_email').replace(/^mailto:/i, ''),
  };
  if (stored.contact_email && !EMAIL.test(stored.contact_email)) addError(errors, 'contact_email', 'Indirizzo email non valido');
  if (stored.temporal_start && stored.temporal_end && stored.temporal_end.slice(0, 10) < stored.temporal_start.slice(0, 10)) {
    addError(errors, 'temporal_end', 'La fine della copertura temporale precede il suo inizio');
  }
  checkAgentPair(stored, 'publisher', "dell'editore", errors);
  checkAgentPair(stored, 'holder', 'del titolare', errors);
  return withoutEmpty(stored);
}

/** The vocabulary code of a one-value field, '' when empty or (kept in `unmapped`) outside the vocabulary. */
function vocabularyText(input: Record<string, unknown>, field: 'frequency' | 'geographical_name', name: 'frequency' | 'place', errors: FieldErrors, unmapped?: string[]): string {
  const raw = text(input, field);
  return raw ? vocabularyCodeOrKept(name, raw, field, errors, unmapped) ?? '' : '';
}

type AgentField = 'publisher' | 'holder';

/** Name and IPA code of an agent go together: one without the other is an error. */
function checkAgentPair(stored: StoredDatasetDcat, agent: AgentField, whose: string, errors: FieldErrors): void {
  const name = stored[`${agent}_name`];
  if (!name === !stored[`${agent}_identifier`]) return;
  addError(errors, name ? `${agent}_identifier` : `${agent}_name`, `Indica nome e codice IPA ${whose}, oppure lascia vuoti entrambi (si usa l'organizzazione)`);
}

function withoutEmpty(stored: StoredDatasetDcat): StoredDatasetDcat {
  const entries = Object.entries(stored).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : !!v));
  return Object.fromEntries(entries) as StoredDatasetDcat;
}

export function storedDcatOf(raw: Record<string, unknown> | null): StoredDatasetDcat {
  return (raw ?? {}) as StoredDatasetDcat;
}

export interface OrganizationAgent { name: string; identifier: string; email: string }

/** Every field with what the portal derives filled in, and the list of fields the editor should still choose. */
export interface EffectiveDcat extends Required<Omit<StoredDatasetDcat, 'temporal_start' | 'temporal_end' | 'geographical_name' | 'geographical_geonames_url' | 'is_version_of' | 'contact_name' | 'contact_email'>> {
  temporal_start: string; temporal_end: string; geographical_name: string; geographical_geonames_url: string;
  is_version_of: string; contact_name: string; contact_email: string;
  /** Fields filled with a placeholder default (theme OP_DATPRO, frequency UNKNOWN): the editor should choose. */
  defaulted: string[];
}

/** What of the package the derived values come from. */
export interface PackageDcatSource { metadataCreated: string; metadataModified: string; maintainer: string; maintainerEmail: string; author: string; authorEmail: string }

export function effectiveDcat(
  stored: StoredDatasetDcat,
  pkg: PackageDcatSource,
  org: OrganizationAgent,
): EffectiveDcat {
  const defaulted: string[] = [];
  if (!stored.theme?.length) defaulted.push('theme');
  if (!stored.frequency) defaulted.push('frequency');
  // The contact point falls back to the maintainer, the author, then the organization's own address.
  const contactEmail = stored.contact_email || pkg.maintainerEmail || pkg.authorEmail || org.email;
  return {
    alternate_identifier: stored.alternate_identifier ?? [],
    theme: stored.theme?.length ? stored.theme : [{ theme: DEFAULT_THEME, subthemes: [] }],
    frequency: stored.frequency || DEFAULT_FREQUENCY,
    publisher_name: stored.publisher_name || org.name,
    publisher_identifier: stored.publisher_identifier || org.identifier,
    holder_name: stored.holder_name || org.name,
    holder_identifier: stored.holder_identifier || org.identifier,
    creator: stored.creator ?? [],
    issued: stored.issued || pkg.metadataCreated.slice(0, 10),
    modified: stored.modified || pkg.metadataModified.slice(0, 10),
    language: stored.language ?? [],
    temporal_start: stored.temporal_start ?? '',
    temporal_end: stored.temporal_end ?? '',
    geographical_name: stored.geographical_name ?? '',
    geographical_geonames_url: stored.geographical_geonames_url ?? '',
    conforms_to: stored.conforms_to ?? [],
    is_version_of: stored.is_version_of ?? '',
    contact_name: stored.contact_name || (contactEmail ? pkg.maintainer || pkg.author || org.name : ''),
    contact_email: contactEmail,
    defaulted,
  };
}

/** The fields as package_show returns them: ckanext-dcatapit's shapes (lists of objects as JSON text). */
export function datasetDcatDict(effective: EffectiveDcat): Record<string, unknown> {
  const { defaulted, language, theme, alternate_identifier, creator, conforms_to, ...plain } = effective;
  return {
    ...plain,
    theme: JSON.stringify(theme),
    alternate_identifier: JSON.stringify(alternate_identifier),
    creator: JSON.stringify(creator),
    conforms_to: JSON.stringify(conforms_to),
    language: language.length > 1 ? `{${language.join(',')}}` : language[0] ?? '',
    dcatapit_defaults: defaulted,
  };
}

/** The organization as DCAT agent: its IPA code, or its name when it has none. */
export function organizationAgent(org: { title: string; name: string; identifier: string; email: string } | undefined): OrganizationAgent {
  return { name: org?.title || org?.name || '', identifier: org?.identifier || org?.name || '', email: org?.email ?? '' };
}

/**
 * A client that reads a dataset and sends it back (package_show → package_update) echoes the values the
 * portal derived. Storing them would freeze them: `modified` would stop following changes, the publisher
 * would not follow a move to another organization. Values equal to what would be derived are dropped.
 */
export function withoutDerivedValues(
  stored: StoredDatasetDcat,
  pkg: PackageDcatSource | undefined,
  /** The dataset's organization now and, when it moves, the one package_show showed. */
  orgs: [OrganizationAgent, OrganizationAgent],
): StoredDatasetDcat {
  const result = { ...stored };
  for (const agent of ['publisher', 'holder'] as const) {
    if (orgs.some((org) => result[`${agent}_name`] === org.name && result[`${agent}_identifier`] === org.identifier)) {
      delete result[`${agent}_name`];
      delete result[`${agent}_identifier`];
    }
  }
  if (pkg) {
    const derived = effectiveDcat({}, pkg, orgs[1]);
    if (result.issued === derived.issued) delete result.issued;
    if (result.modified === derived.modified) delete result.modified;
    if (result.contact_email === derived.contact_email && result.contact_name === derived.contact_name) {
      delete result.contact_email;
      delete result.contact_name;
    }
  }
  return result;
}
