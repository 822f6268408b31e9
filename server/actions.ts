// The registry of every action, in one list: the API router and the pages both look names up here.
import { activityActions } from './activity/actions';
import { activityDiffActions } from './activity/diff-actions';
import { memberActions } from './auth/member-actions';
import { userActions } from './auth/user-actions';
import { userPatch, userUpdate } from './auth/user-update';
import { miscActions } from './catalogue/misc-actions';
import { organizationActions } from './catalogue/organization-actions';
import { packageActions } from './catalogue/package-actions';
import { packagePageActions } from './catalogue/package-page-actions';
import { resourceActions } from './catalogue/resource-actions';
import { registerActions } from './core/actions';
import { jobActions } from './jobs/actions';
import { ingestActions } from './ingest/actions';
import { harvestActions } from './harvest/actions';
import { extendSchemas } from './core/schemas';
import { addVocabularyKeyword } from './dcat/vocabulary-keyword';
import { packageSearch } from './search/package-search';
import { datastoreActions } from './datastore/all-actions';

let registered = false;

export function registerAllActions(): void {
  if (registered) return;
  extendSchemas(addVocabularyKeyword);
  registerActions([
    ...miscActions, ...packageActions, packageSearch, ...resourceActions, ...organizationActions,
    ...userActions, userUpdate, userPatch, ...memberActions, ...activityActions, ...activityDiffActions, ...packagePageActions,
    ...jobActions, ...datastoreActions,
    ...ingestActions,
    ...harvestActions,
  ]);
  registered = true;
}
