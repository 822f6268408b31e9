// Agents (dct:publisher, dct:rightsHolder, dct:creator, the agent of an adms:identifier) and the
// contact point (vcard): names, IPA codes, e-mail addresses.
import { Graph, NS, type Node } from './graph';
import { cleanEmail, compare, type Warn } from './values';

const { dct, foaf, vcard, skos, rdfs, dcat } = NS;

export interface Agent { name: string; identifier: string }

/** An agent node's name and identifier (IPA code); null when it has neither. */
export function agent(g: Graph, node: Node, what: string, warn: Warn): Agent | null {
  if (node.kind === 'literal') {
    const name = node.value.trim();
    if (name) warn(`${what} è un testo, non un agente: "${name}"`);
    return name ? { name, identifier: '' } : null;
  }
  const name = g.text(node.value, `${foaf}name`, `${vcard}fn`, `${vcard}organization-name`, `${skos}prefLabel`, `${rdfs}label`);
  const identifier = g.text(node.value, `${dct}identifier`);
  if (!name && !identifier) {
    warn(g.has(node.value) ? `${what} senza foaf:name né dct:identifier` : `${what} ${node.value} non descritto nel documento`);
    return null;
  }
  if (!name) warn(`${what} senza foaf:name`);
  if (!identifier) warn(`${what} senza dct:identifier (codice IPA)`);
  return { name, identifier };
}

/** The (first) agent of subject's predicate. */
export function agentOf(g: Graph, subject: string, predicate: string, what: string, warn: Warn): Agent | null {
  const nodes = g.objects(subject, predicate);
  if (nodes.length > 1) warn(`più di un ${what}, uso il primo`);
  return nodes.length ? agent(g, nodes[0], what, warn) : null;
}

/** The dataset's publisher, else the publisher of the catalogue listing it. */
export function publisherOf(g: Graph, dataset: string, catalogue: string | undefined, warn: Warn): Agent | null {
  const own = agentOf(g, dataset, `${dct}publisher`, 'dct:publisher', warn);
  if (own) return own;
  const fromCatalogue = catalogue ? agentOf(g, catalogue, `${dct}publisher`, 'dct:publisher del catalogo', warn) : null;
  warn(fromCatalogue ? 'dct:publisher mancante o vuoto: uso quello del catalogo' : 'manca dct:publisher');
  return fromCatalogue;
}

/** dct:creator as ckanext-dcatapit's creator list, in a stable order. */
export function creatorsOf(g: Graph, dataset: string, warn: Warn): { creator_name: string; creator_identifier: string }[] {
  return g.objects(dataset, `${dct}creator`)
    .map((n) => agent(g, n, 'dct:creator', warn))
    .filter((a): a is Agent => a !== null)
    .map((a) => ({ creator_name: a.name, creator_identifier: a.identifier }))
    .sort((a, b) => compare(a.creator_identifier + '\n' + a.creator_name, b.creator_identifier + '\n' + b.creator_name));
}

/** dcat:contactPoint: a vcard:Kind with a name and an e-mail address (or, in odd exports, a literal). */
export function contactOf(g: Graph, dataset: string, warn: Warn): { name: string; email: string } {
  const p = g.objects(dataset, `${dcat}contactPoint`)[0];
  if (!p) {
    warn('manca dcat:contactPoint');
    return { name: '', email: '' };
  }
  if (p.kind === 'literal') {
    const email = cleanEmail(p.value);
    return email ? { name: '', email } : { name: p.value.trim(), email: '' };
  }
  if (!g.has(p.value)) {
    warn(`dcat:contactPoint ${p.value} non descritto nel documento`);
    return { name: '', email: '' };
  }
  const name = g.text(p.value, `${vcard}fn`, `${vcard}organization-name`, `${foaf}name`);
  const emailNode = g.objects(p.value, `${vcard}hasEmail`, `${vcard}email`, `${foaf}mbox`)[0];
  const email = emailNode ? cleanEmail(emailNode.value) : '';
  if (emailNode && !email) warn(`indirizzo email del contatto non valido: ${emailNode.value}`);
  else if (emailNode?.kind === 'iri' && !/^mailto:/i.test(emailNode.value)) warn(`vcard:hasEmail senza "mailto:": ${email}`);
  if (!emailNode) warn('dcat:contactPoint senza vcard:hasEmail');
  return { name, email };
}
