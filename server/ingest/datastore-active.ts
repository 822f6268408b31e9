// Where the loader tells the catalogue that a resource's table is ready. The flag itself (the resource's
// `datastore_active`) is the DataStore branch's (server/catalogue/datastore-flag.ts): until it is merged
// here this only keeps the call in one place.
import { Services } from '../core/context';

export async function markDatastoreActive(_services: Services, _resourceId: string): Promise<void> {
  // Replaced by setDatastoreActive(services, resourceId, true) once the flag exists on this branch.
}
