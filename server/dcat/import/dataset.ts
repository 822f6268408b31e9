// One dcat:Dataset → one package_create input: each part of the record is read by the module of its
// concern; this one puts them together in ckanext-dcatapit's field names.
import { agentOf, contactOf, creatorsOf, publisherOf, type Agent } from './agents';
import { frequencyOf, languagesOf } from './codes';
import { normalizeDate } from './dates';
import { resourcesOf } from './distributions';
import { Graph, NS } from './graph';
import { alternateIdentifiersOf, DatasetNames, identifierOf } from './identifiers';
import { datasetLicenceOf } from './licences';
import { DATASET_LIMITS, setter, type Setter } from './limits';
import { isVersionOf, sourcePageOf, standardsOf, tagsOf } from './references';
import { spatialOf, temporalOf } from './temporal-spatial';
import { themesOf } from './themes';
import type { Warn } from './values';

const { rdf, dcat, dct, owl, adms } = NS;

export interface ImportedDataset {
  /** The dataset's IRI ("_:label" for a blank node). */
  uri: string;
  input: Record<string, unknown>;
  organization: { name: string; identifier: string } | null;
  warnings: string[];
}

/** What the datasets of one document share. */
export interface DocumentContext {
  g: Graph;
  names: DatasetNames;
  /** The catalogue listing a dataset (dcat:dataset), if any. */
  catalogueOf(dataset: string): string | undefined;
}

function setAgent(set: Setter, prefix: 'publisher' | 'holder', a: Agent | null): void {
  set(`${prefix}_name`, a?.name);
  set(`${prefix}_identifier`, a?.identifier);
}

/** dct:title, dct:description, dct:identifier: CKAN's title, notes, identifier. */
function setDescription(g: Graph, uri: string, set: Setter, warn: Warn): { title: string; identifier: string } {
  const title = g.text(uri, `${dct}title`);
  if (!title) warn('manca dct:title');
  set('title', title);
  const description = g.text(uri, `${dct}description`);
  set('notes', description.replace(/\r\n?/g, '\n'));
  if (!description) warn('manca dct:description');
  const identifier = identifierOf(g, uri, warn);
  set('identifier', identifier);
  return { title, identifier };
}

/** Name, tags, url, version: the rest of CKAN's own fields. */
function setNameAndLinks(doc: DocumentContext, uri: string, named: { title: string; identifier: string; publisher: Agent | null }, set: Setter, warn: Warn): void {
  const { g } = doc;
  set('name', doc.names.claim(uri, named.identifier, named.title, named.publisher?.identifier ?? '', warn));
  set('tags', tagsOf(g, uri, warn));
  set('url', sourcePageOf(g, uri, warn));
  set('version', g.text(uri, `${owl}versionInfo`, `${dcat}version`, `${adms}version`));
}

/** The DCAT-AP_IT fields (ckanext-dcatapit's names). */
function setDcatApItFields(g: Graph, uri: string, agents: { publisher: Agent | null; holder: Agent | null }, set: Setter, warn: Warn): void {
  set('alternate_identifier', alternateIdentifiersOf(g, uri, warn));
  set('theme', themesOf(g, uri, warn));
  set('frequency', frequencyOf(g, uri, warn));
  setAgent(set, 'publisher', agents.publisher);
  setAgent(set, 'holder', agents.holder);
  set('creator', creatorsOf(g, uri, warn));
  set('issued', normalizeDate(g.text(uri, `${dct}issued`), 'dct:issued', warn));
  const modified = g.text(uri, `${dct}modified`);
  if (!modified) warn('manca dct:modified');
  set('modified', normalizeDate(modified, 'dct:modified', warn));
  set('language', languagesOf(g, uri, warn));
  const temporal = temporalOf(g, uri, warn);
  set('temporal_start', temporal.start);
  set('temporal_end', temporal.end);
  const spatial = spatialOf(g, uri, warn);
  set('geographical_name', spatial.place);
  set('geographical_geonames_url', spatial.geonames);
  set('conforms_to', standardsOf(g, uri, warn));
  set('is_version_of', isVersionOf(g, uri, warn));
  const contact = contactOf(g, uri, warn);
  set('contact_name', contact.name);
  set('contact_email', contact.email);
}

/** Distributions as resources; the dataset's licence is theirs (DCAT has none on the dataset). */
function setResources(g: Graph, uri: string, input: Record<string, unknown>, warn: Warn): void {
  const datasetLicence = g.objects(uri, `${dct}license`)[0];
  const resources = resourcesOf(g, uri, datasetLicence, warn);
  input.resources = resources.slice(0, DATASET_LIMITS.resources);
  if (resources.length > DATASET_LIMITS.resources) warn(`più di ${DATASET_LIMITS.resources} distribuzioni, tenute le prime`);
  input.license_id = datasetLicenceOf(g, resources, datasetLicence, warn);
}

export function importDataset(doc: DocumentContext, uri: string): ImportedDataset {
  const { g } = doc;
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(`dataset ${uri}: ${m}`);
  const input: Record<string, unknown> = {};
  const set = setter(input, DATASET_LIMITS, warn);

  for (const [wrong, right] of g.repairs) warn(`namespace errato "${wrong}" letto come ${right}`);
  if (!g.objects(uri, `${rdf}type`).some((t) => t.value === `${dcat}Dataset`)) warn('manca rdf:type dcat:Dataset');
  const described = setDescription(g, uri, set, warn);
  const publisher = publisherOf(g, uri, doc.catalogueOf(uri), warn);
  const holder = agentOf(g, uri, `${dct}rightsHolder`, 'dct:rightsHolder', warn);
  if (!holder) warn('manca dct:rightsHolder');
  setNameAndLinks(doc, uri, { ...described, publisher }, set, warn);
  setDcatApItFields(g, uri, { publisher, holder }, set, warn);
  setResources(g, uri, input, warn);

  const org = publisher ?? holder;
  const organization = org && (org.name || org.identifier) ? { name: org.name || org.identifier, identifier: org.identifier } : null;
  return { uri, input, organization, warnings };
}
