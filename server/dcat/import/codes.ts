// dct:language and dct:accrualPeriodicity → codes of the EU language and frequency tables
// (server/dcat/vocabularies.ts), from their IRIs or from what older exports write instead.
import { vocabulary } from '../vocabularies';
import { Graph, NS, type Node } from './graph';
import { EU_AUTHORITY, lastSegment, type Warn } from './values';

const { dct } = NS;

// ISO 639-1 and 639-2/B codes some exporters write: the EU table has neither.
const ISO_LANGUAGE_CODES: Record<string, string> = { it: 'ITA', en: 'ENG', de: 'DEU', ger: 'DEU', fr: 'FRA', fre: 'FRA', es: 'SPA', sl: 'SLV' };

// Dublin Core collection frequencies (http://purl.org/cld/freq/…) seen in older exports.
const CLD_FREQUENCIES: Record<string, string> = {
  annual: 'ANNUAL', semiannual: 'ANNUAL_2', threetimesayear: 'ANNUAL_3', biennial: 'BIENNIAL', triennial: 'TRIENNIAL',
  quarterly: 'QUARTERLY', bimonthly: 'BIMONTHLY', monthly: 'MONTHLY', semimonthly: 'MONTHLY_2', threetimesamonth: 'MONTHLY_3',
  biweekly: 'BIWEEKLY', weekly: 'WEEKLY', semiweekly: 'WEEKLY_2', threetimesaweek: 'WEEKLY_3', daily: 'DAILY',
  continuous: 'UPDATE_CONT', irregular: 'IRREG',
};

/** An EU language code from a code (EU or ISO) or a name in Italian or English ("italiano", "English"). */
function languageFromText(text: string): string {
  const value = text.trim().toLowerCase();
  const code = ISO_LANGUAGE_CODES[value] ?? ISO_LANGUAGE_CODES[value.split('-')[0]] ?? value;
  const languages = vocabulary('language');
  const term = languages.byCode(code) ?? languages.terms.find((t) => t.labels.it.toLowerCase() === value || t.labels.en.toLowerCase() === value);
  return term?.code ?? '';
}

function languageCode(node: Node): string {
  if (node.kind !== 'iri') return languageFromText(node.value);
  const code = lastSegment(node.value);
  if (node.value.startsWith(`${EU_AUTHORITY}language/`)) return vocabulary('language').byCode(code)?.code ?? '';
  return languageFromText(code); // id.loc.gov, lexvo…: the IRI ends with an ISO code
}

/** The EU language codes of subject's dct:language (dataset or distribution), sorted. */
export function languagesOf(g: Graph, subject: string, warn: Warn): string[] {
  const codes: string[] = [];
  for (const n of g.objects(subject, `${dct}language`)) {
    const code = languageCode(n);
    if (!code) warn(`dct:language non riconosciuta: ${n.value}`);
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes.sort();
}

/** The EU frequency code of dct:accrualPeriodicity (or the non-standard dct:frequency); '' when none fits. */
export function frequencyOf(g: Graph, uri: string, warn: Warn): string {
  let nodes = g.objects(uri, `${dct}accrualPeriodicity`);
  if (!nodes.length) {
    nodes = g.objects(uri, `${dct}frequency`);
    if (nodes.length) warn('frequenza in dct:frequency invece di dct:accrualPeriodicity, letta comunque');
  }
  const n = nodes[0];
  if (!n) {
    warn('manca dct:accrualPeriodicity');
    return '';
  }
  const raw = n.kind === 'literal' ? n.value.trim() : lastSegment(n.value);
  const code = n.value.includes('purl.org/cld/freq/') ? CLD_FREQUENCIES[raw.toLowerCase()] ?? '' : raw;
  const known = code ? vocabulary('frequency').byCode(code)?.code : undefined;
  if (!known) warn(`dct:accrualPeriodicity non riconosciuta: ${n.value}`);
  return known ?? '';
}
