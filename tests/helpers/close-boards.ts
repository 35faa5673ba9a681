import { afterEach, beforeEach } from 'vitest';
import { boardsOfTest } from './server';

// Board clients a test opened are closed when it ends; those opened in beforeAll stay for the
// file's other tests. Left open, they kept reconnecting to servers already stopped, and past ten
// of them Node warned of a leak (each stock provider adds a process 'exit' listener).
beforeEach(() => {
	boardsOfTest.collecting = true;
});

afterEach(() => {
	boardsOfTest.collecting = false;
	for (const provider of boardsOfTest.providers.splice(0)) provider.destroy();
});
