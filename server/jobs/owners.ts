// Who holds a running job: a runner, named after its role, host and process. A runner that starts takes
// back at once the jobs of a runner known to be dead: on this host, one whose process no longer exists
// (killed with kill -9, say). Others wait for their lease to expire.
// When the instance registry (server/nodes, isNodeAlive) is merged, the owner becomes the node's id and
// ownerIsDead(owner) becomes `!isNodeAlive(row)`: that also covers dead instances on other hosts.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { processRunning } from '../nodes/registry';

/** Runners alive in this process (tests and a worker may start several). */
const liveHere = new Set<string>();

export function newOwner(role: string): string {
  const owner = `${role}@${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  liveHere.add(owner);
  return owner;
}

export function retireOwner(owner: string): void {
  liveHere.delete(owner);
}

/** True only when we know: same host, and its process is gone (or it is this process, and not running). */
export function ownerIsDead(owner: string): boolean {
  const match = /^[\w-]+@(.+):(\d+):[0-9a-f]+$/.exec(owner);
  if (!match || match[1] !== os.hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return !liveHere.has(owner);
  return !processRunning(pid);
}
