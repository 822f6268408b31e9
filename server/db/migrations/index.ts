import { Initial1764140000000 } from './1764140000000-initial';
import { RateLimit1764160000000 } from './1764160000000-rate-limit';
import { DcatFields1764200000000 } from './1764200000000-dcat-fields';
import { Files1765000000000 } from './1765000000000-files';
import { Jobs1765010000000 } from './1765010000000-jobs';
import { UniqueIdentities1765020000000 } from './1765020000000-unique-identities';
import { DatastoreActive1766000000000 } from './1766000000000-datastore-active';
import { ResourceLoad1766010000000 } from './1766010000000-resource-load';
import { SearchIndex1766040000000 } from './1766040000000-search-index';
import { Harvest1766100000000 } from './1766100000000-harvest';
import { ThemeGroups1766170000000 } from './1766170000000-theme-groups';
import { SearchFacets1766300000000 } from './1766300000000-search-facets';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const migrations = [
  Initial1764140000000, RateLimit1764160000000, DcatFields1764200000000,
  Files1765000000000, Jobs1765010000000, UniqueIdentities1765020000000,
  DatastoreActive1766000000000, ResourceLoad1766010000000, SearchIndex1766040000000, Harvest1766100000000,
  ThemeGroups1766170000000, SearchFacets1766300000000,
];
