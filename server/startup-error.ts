/**
 * Why the server cannot start, in words for whoever runs it (a setting, a file, a lock): the entry
 * point prints the message alone, without a stack trace, and exits with 1.
 */
export class StartupError extends Error {
	override readonly name = 'StartupError';
}
