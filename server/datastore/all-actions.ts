// The DataStore's actions, as server/actions.ts lists them.
import { datastoreWriteActions } from './actions';
import { datastoreSearch } from './search';
import { datastoreSearchSql } from './search-sql';

export const datastoreActions = [...datastoreWriteActions, datastoreSearch, datastoreSearchSql];
