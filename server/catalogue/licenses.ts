// The licence list. CC-BY-4.0 comes first: it is the default the Italian guidelines (AgID) require.
export interface License {
  id: string;
  title: string;
  url: string;
  od_conformance: 'approved' | 'not reviewed' | 'rejected';
  osd_conformance: 'approved' | 'not reviewed' | 'rejected';
  status: 'active';
  family: string;
}

function license(id: string, title: string, url: string, open: boolean, family = ''): License {
  return {
    id, title, url, family, status: 'active',
    od_conformance: open ? 'approved' : 'not reviewed',
    osd_conformance: 'not reviewed',
  };
}

export const DEFAULT_LICENSE_ID = 'CC-BY-4.0';

export const licenses: License[] = [
  license('CC-BY-4.0', 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)', 'https://creativecommons.org/licenses/by/4.0/', true, 'Creative Commons'),
  license('CC0-1.0', 'Creative Commons CC0 1.0 Universale - Dominio pubblico (CC0 1.0)', 'https://creativecommons.org/publicdomain/zero/1.0/', true, 'Creative Commons'),
  license('CC-BY-SA-4.0', 'Creative Commons Attribuzione - Condividi allo stesso modo 4.0 (CC BY-SA 4.0)', 'https://creativecommons.org/licenses/by-sa/4.0/', true, 'Creative Commons'),
  license('ODbL-1.0', 'Open Data Commons Open Database License 1.0 (ODbL)', 'https://opendatacommons.org/licenses/odbl/1-0/', true, 'Open Data Commons'),
  license('IODL-2.0', 'Italian Open Data License 2.0 (IODL 2.0)', 'https://www.dati.gov.it/iodl/2.0/', true, 'IODL'),
  license('cc-by', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by', true, 'Creative Commons'),
  license('cc-by-sa', 'Creative Commons Attribution Share-Alike', 'http://www.opendefinition.org/licenses/cc-by-sa', true, 'Creative Commons'),
  license('cc-zero', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero', true, 'Creative Commons'),
  license('cc-nc', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/', false, 'Creative Commons'),
  license('odc-by', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by', true, 'Open Data Commons'),
  license('odc-odbl', 'Open Data Commons Open Database License (ODbL)', 'http://www.opendefinition.org/licenses/odc-odbl', true, 'Open Data Commons'),
  license('odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)', 'http://www.opendefinition.org/licenses/odc-pddl', true, 'Open Data Commons'),
  license('gfdl', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl', true),
  license('other-open', 'Altra licenza aperta (Other (Open))', '', true),
  license('other-pd', 'Altro dominio pubblico (Other (Public Domain))', '', true),
  license('other-at', 'Altra con attribuzione (Other (Attribution))', '', true),
  license('other-nc', 'Altra non commerciale (Other (Non-Commercial))', '', false),
  license('other-closed', 'Altra non aperta (Other (Not Open))', '', false),
  license('notspecified', 'Licenza non specificata', '', false),
];

const byId = new Map(licenses.map((l) => [l.id, l]));

export function findLicense(id: string): License | undefined {
  return byId.get(id);
}
