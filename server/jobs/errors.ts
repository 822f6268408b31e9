// How a job ends other than by returning: cancelled by an administrator, interrupted because its runner
// is stopping (it resumes elsewhere), or failed for good (no retry would help).

/** Thrown at a checkpoint after job_cancel: the job ends as cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('Lavoro annullato su richiesta');
  }
}

/** Thrown at a checkpoint while the runner stops: the job goes back to the queue, its attempt not counted. */
export class JobInterrupted extends Error {
  constructor() {
    super('Lavoro interrotto: il processo che lo eseguiva si sta fermando');
  }
}

/** A failure no retry can mend (bad input, a source that does not exist): the job fails at once. */
export class PermanentJobError extends Error {}
