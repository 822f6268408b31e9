// Every job type, in one list, as server/actions.ts lists the actions.
import { maintenanceJobs } from './maintenance';
import { registerJobs } from './registry';
import { datastoreLoadJob } from '../ingest/job';

let registered = false;

export function registerAllJobs(): void {
  if (registered) return;
  registerJobs([...maintenanceJobs, datastoreLoadJob]);
  registered = true;
}
