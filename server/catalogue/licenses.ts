// The licence list. CC-BY-4.0 comes first: it is the default the Italian guidelines (AgID) require.
// Each licence also names its entry in the AgID licences vocabulary (schemas/vocabularies/licence.json),
// which DCAT-AP_IT feeds must use for dct:license. It is kept out of License so license_list keeps
// CKAN's shape.
import { DcatLicence } from '../dcat/record';
import { vocabulary } from '../dcat/vocabularies';

export interface License {
  id: string;
  title: string;
  url: string;
  od_conformance: 'approved' | 'not reviewed' | 'rejected';
  osd_conformance: 'approved' | 'not reviewed' | 'rejected';
  status: 'active';
  family: string;
}

const agidCodes = new Map<string, string>();

function license(id: string, agid: string, title: string, url: string, open: boolean, family = ''): License {
  agidCodes.set(id, agid);
  return {
    id, title, url, family, status: 'active',
    od_conformance: open ? 'approved' : 'not reviewed',
    osd_conformance: 'not reviewed',
  };
}

export const DEFAULT_LICENSE_ID = 'CC-BY-4.0';

export const licenses: License[] = [
  license('CC-BY-4.0', 'A21_CCBY40', 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)', 'https://creativecommons.org/licenses/by/4.0/', true, 'Creative Commons'),
  license('CC0-1.0', 'A11_CCO10', 'Creative Commons CC0 1.0 Universale - Dominio pubblico (CC0 1.0)', 'https://creativecommons.org/publicdomain/zero/1.0/', true, 'Creative Commons'),
  license('CC-BY-SA-4.0', 'A31_CCBYSA40', 'Creative Commons Attribuzione - Condividi allo stesso modo 4.0 (CC BY-SA 4.0)', 'https://creativecommons.org/licenses/by-sa/4.0/', true, 'Creative Commons'),
  license('ODbL-1.0', 'A310_ODBL', 'Open Data Commons Open Database License 1.0 (ODbL)', 'https://opendatacommons.org/licenses/odbl/1-0/', true, 'Open Data Commons'),
  license('IODL-2.0', 'A29_IODL20', 'Italian Open Data License 2.0 (IODL 2.0)', 'https://www.dati.gov.it/iodl/2.0/', true, 'IODL'),
  // CKAN's unversioned CC entries point at the Open Definition page, not a version: the current one (4.0).
  license('cc-by', 'A21_CCBY40', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by', true, 'Creative Commons'),
  license('cc-by-sa', 'A31_CCBYSA40', 'Creative Commons Attribution Share-Alike', 'http://www.opendefinition.org/licenses/cc-by-sa', true, 'Creative Commons'),
  license('cc-zero', 'A11_CCO10', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero', true, 'Creative Commons'),
  // "Any" version, but the URL CKAN gives is BY-NC 2.0: follow the URL.
  license('cc-nc', 'B16_CCBYNC20', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/', false, 'Creative Commons'),
  license('odc-by', 'A210_ODCBY', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by', true, 'Open Data Commons'),
  license('odc-odbl', 'A310_ODBL', 'Open Data Commons Open Database License (ODbL)', 'http://www.opendefinition.org/licenses/odc-odbl', true, 'Open Data Commons'),
  license('odc-pddl', 'A12_PDDL', 'Open Data Commons Public Domain Dedication and License (PDDL)', 'http://www.opendefinition.org/licenses/odc-pddl', true, 'Open Data Commons'),
  // The only GFDL the AgID vocabulary lists is 1.3.
  license('gfdl', 'A311_GFDL13', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl', true),
  // The 'other' entries name no licence document, and AgID's only catch-all is C.1.1 "Licenza sconosciuta".
  // AgID types it UnknownIPR; giving that URI another ADMS type (e.g. PublicDomain for other-pd) would
  // contradict the vocabulary harvesters load, so every 'other' entry is honestly "unknown".
  license('other-open', 'C11_Unknown', 'Altra licenza aperta (Other (Open))', '', true),
  license('other-pd', 'C11_Unknown', 'Altro dominio pubblico (Other (Public Domain))', '', true),
  license('other-at', 'C11_Unknown', 'Altra con attribuzione (Other (Attribution))', '', true),
  license('other-nc', 'C11_Unknown', 'Altra non commerciale (Other (Non-Commercial))', '', false),
  license('other-closed', 'C11_Unknown', 'Altra non aperta (Other (Not Open))', '', false),
  license('notspecified', 'C11_Unknown', 'Licenza non specificata', '', false),
];

const byId = new Map(licenses.map((l) => [l.id, l]));

export function findLicense(id: string): License | undefined {
  return byId.get(id);
}

/** The DCAT-AP_IT view of a licence in the list: AgID URI and ADMS licence type. Throws for unknown ids. */
export function dcatLicence(licenseId: string): DcatLicence {
  const found = byId.get(licenseId);
  const term = found && vocabulary('licence').byCode(agidCodes.get(licenseId) ?? '');
  if (!found || !term?.admsType) throw new Error(`licenza ${licenseId} senza voce nel vocabolario AgID`);
  return { id: found.id, uri: term.uri, title: found.title, admsType: term.admsType };
}

// ---- reading a licence URI back: what an RDF importer finds in dct:license ---------------------------------

/** The catch-all AgID entry (C.1.1 "Licenza sconosciuta") is every 'other' licence's: read back, it says only this. */
const UNKNOWN_LICENCE_ID = 'notspecified';

const notationOf = (agidCode: string): string => agidCode.split('_')[0].toUpperCase();
const agidNameOf = (agidCode: string): string => (agidCode.includes('_') ? agidCode.slice(agidCode.indexOf('_') + 1).toUpperCase() : '');

/** AgID notation (A21, B16…) → the first licence of the list naming it: versioned ids come before CKAN's generic ones. */
const idByAgidNotation = new Map<string, string>();
for (const [id, code] of agidCodes) if (!idByAgidNotation.has(notationOf(code))) idByAgidNotation.set(notationOf(code), id);
idByAgidNotation.set(notationOf(agidCodes.get(UNKNOWN_LICENCE_ID) ?? ''), UNKNOWN_LICENCE_ID);

/**
 * For AgID codes the list has no entry of its own for: the id of their category (A.1 public domain,
 * A.2 attribution, A.3 share-alike, A.4 other open, B.1 non-commercial, B.2 no derivatives, C unknown).
 */
const ID_OF_AGID_CATEGORY: Record<string, string> = {
  A: 'other-open', A1: 'other-pd', A2: 'other-at', A3: 'other-open', A4: 'other-open',
  B: 'other-closed', B1: 'other-nc', B2: 'other-closed', C: UNKNOWN_LICENCE_ID,
};

/** CKAN's generic id for a Creative Commons licence of any version or port, named as AgID names them ("CCBYNCSA30IT"). */
function creativeCommonsFamily(agidName: string): string | undefined {
  const elements = /^CC((?:BY|SA|NC|ND)+)\d*[A-Z]*$/.exec(agidName)?.[1];
  if (!elements) return undefined;
  if (elements.includes('NC')) return 'cc-nc';
  if (elements.includes('ND')) return 'other-closed';
  return elements.includes('SA') ? 'cc-by-sa' : 'cc-by';
}

function idOfAgidCode(code: string): string | undefined {
  const notation = notationOf(code);
  if (!/^[ABC]\d*$/.test(notation)) return undefined;
  return idByAgidNotation.get(notation) ?? creativeCommonsFamily(agidNameOf(code))
    ?? ID_OF_AGID_CATEGORY[notation.slice(0, 2)] ?? ID_OF_AGID_CATEGORY[notation.slice(0, 1)];
}

/** By the AgID vocabulary's entry with that name (CCBY30IT, ODBL, IODL10…); a CC licence it lacks by its family. */
function idOfAgidName(name: string): string | undefined {
  const term = vocabulary('licence').terms.find((t) => agidNameOf(t.code) === name);
  return term ? idOfAgidCode(term.code) : creativeCommonsFamily(name);
}

const AGID_CC0 = 'CCO10'; // sic: AgID spells CC0 with a letter O
/** EU licence authority table codes (publications.europa.eu/resource/authority/licence/…) other than CC_…_4_0. */
const AGID_NAME_OF_EU_CODE: Record<string, string> = {
  CC0: AGID_CC0, ODC_BL: 'ODBL', ODC_BY: 'ODCBY', ODC_PDDL: 'PDDL', GFDL_1_3: 'GFDL13', IODL_1_0: 'IODL10', IODL_2_0: 'IODL20',
};

/** The AgID name of the licence a well-known URL is for: creativecommons.org, opendatacommons.org, dati.gov.it IODL, EU table. */
function agidNameOfUrl(key: string): string | undefined {
  // creativecommons.org/licenses/by-sa/3.0/it/…: a two-letter segment after the version is a ported licence (deed.it is not).
  const cc = /^creativecommons\.org\/licenses\/([a-z-]+)(?:\/(\d)\.(\d)(?:\/([a-z]{2})(?=\/|$))?)?/.exec(key);
  if (cc) return `CC${cc[1].replace(/-/g, '')}${cc[2] ?? ''}${cc[3] ?? ''}${cc[4] ?? ''}`.toUpperCase();
  if (/^creativecommons\.org\/publicdomain\/zero(\/|$)/.test(key)) return AGID_CC0;
  const odc = /^opendatacommons\.org\/licenses\/(odbl|by|pddl)(\/|$)/.exec(key);
  if (odc) return ({ odbl: 'ODBL', by: 'ODCBY', pddl: 'PDDL' } as Record<string, string>)[odc[1]];
  const iodl = /^dati\.gov\.it\/iodl\/(\d)\.(\d)/.exec(key);
  if (iodl) return `IODL${iodl[1]}${iodl[2]}`;
  const eu = /^publications\.europa\.eu\/resource\/authority\/licence\/([a-z0-9_]+)$/.exec(key)?.[1].toUpperCase();
  const euCc = eu && /^CC_(BY[A-Z]*)_(\d)_(\d)$/.exec(eu);
  return euCc ? `CC${euCc[1]}${euCc[2]}${euCc[3]}` : eu ? AGID_NAME_OF_EU_CODE[eu] : undefined;
}

/** scheme, "www.", letter case and trailing slashes off: how licence URIs are compared. */
function comparable(uri: string): string {
  return uri.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
}

const idByUrl = new Map(licenses.filter((l) => l.url).map((l) => [comparable(l.url), l.id]));

/**
 * The licence id for a licence URI: an AgID vocabulary URI (what dcatLicence writes), a URL of the
 * list, or a creativecommons.org (any version, /it/ ports included), opendatacommons.org, dati.gov.it
 * IODL or EU licence table URI. Licences the list has no entry for get CKAN's generic ids (cc-by,
 * cc-nc, other-…). undefined when the URI names no licence known here.
 */
export function licenceIdForUri(uri: string): string | undefined {
  const key = comparable(uri);
  // AgID publishes B117 under …/licenses/: both spellings are its.
  const agid = /^w3id\.org\/italia\/controlled-vocabulary\/licen[cs]es\/([^/]+)$/.exec(key);
  if (agid) return idOfAgidCode(agid[1]);
  if (/^creativecommons\.org\/publicdomain\/mark(\/|$)/.test(key)) return ID_OF_AGID_CATEGORY.A1; // no AgID entry of its own
  const name = agidNameOfUrl(key);
  return idByUrl.get(key) ?? (name ? idOfAgidName(name) : undefined);
}

const byLowerId = new Map(licenses.map((l) => [l.id.toLowerCase(), l.id]));
const byLowerTitle = new Map(licenses.map((l) => [l.title.toLowerCase(), l.id]));

/**
 * A licence as clients name it, mapped to the list where it matches: an id in any letter case
 * ("cc-by-4.0"), a title, or a licence URL (licenceIdForUri: AgID, creativecommons.org, EU table...).
 * Anything else is kept as given, as CKAN keeps any licence id: the feeds then publish AgID's
 * "unknown licence" and the quality score says so.
 */
export function normalizeLicenseId(given: string): string {
  const trimmed = given.trim();
  if (!trimmed || byId.has(trimmed)) return trimmed;
  const lower = trimmed.toLowerCase();
  const known = byLowerId.get(lower) ?? byLowerId.get(lower.replace(/[\s_]+/g, '-')) ?? byLowerTitle.get(lower);
  if (known) return known;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^www\./i.test(trimmed) ? licenceIdForUri(trimmed) ?? trimmed : trimmed;
}

/** The feeds' licence: the list's, or AgID's "unknown licence" for an id kept as a client gave it. */
export function publishedLicence(licenseId: string): DcatLicence {
  return dcatLicence(byId.has(licenseId) ? licenseId : UNKNOWN_LICENCE_ID);
}
