/** A mistake in the command line itself: exit code 2, as most tools do. */
export class UsageError extends Error {}
