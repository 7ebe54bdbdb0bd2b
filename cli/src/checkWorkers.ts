/**
 * `check --jobs N`: the zone files are checked on N worker threads. Each worker runs the same
 * {@link checkZoneFile} as the single-threaded run (with its own configuration cache) on batches of
 * files it is handed one after another, so a slow file holds up only its own worker; the main thread
 * puts the outcomes back in file order, so the output is the same whatever the number of jobs.
 *
 * The worker is this very module (`__filename`: `dist/cli.js` in the bundle, `out/cli/src/checkWorkers.js`
 * under the tests), started with `workerData.role` set; loaded that way it serves jobs instead of
 * running the command.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WorkspaceIndex, type ZoneFacts } from '../../core/src/index';
import type { CheckArguments } from './checkArguments';
import { checkZoneFile, type FileOutcome } from './checkFile';
import { CliConfigs } from './configFile';

const WORKER_ROLE = 'zone-sentinel check worker';

interface Job {
	readonly index: number;
	readonly file: string;
	readonly explicit: boolean;
}

interface WorkerRequest {
	readonly jobs: readonly Job[];
}

interface WorkerReply {
	readonly results: readonly { readonly index: number; readonly outcome: FileOutcome }[];
}

/**
 * The outcome of every file, in the order of `files`; `onProgress` hears the number done so far.
 * `zones`: the facts of every zone given (plain data, copied to each worker), which answer for MX hosts outside a zone.
 */
export function checkInWorkers(
	files: readonly { readonly file: string; readonly explicit: boolean }[],
	args: CheckArguments,
	jobs: number,
	onProgress: (done: number) => void,
	zones: readonly ZoneFacts[] = [],
): Promise<FileOutcome[]> {
	return new Promise((resolve, reject) => {
		const outcomes: FileOutcome[] = new Array<FileOutcome>(files.length);
		const workers: Worker[] = [];
		let next = 0;
		let done = 0;
		let settled = false;
		// Batches of small zones save messages; a few per worker keep the load even at the end.
		const batch = Math.max(1, Math.min(64, Math.floor(files.length / (jobs * 8))));
		const finish = (error?: unknown): void => {
			if (settled) return;
			settled = true;
			for (const worker of workers) void worker.terminate();
			if (error === undefined) resolve(outcomes);
			else reject(error instanceof Error ? error : new Error(`a check worker failed: ${JSON.stringify(error)}`));
		};
		const feed = (worker: Worker): void => {
			if (next >= files.length) return;
			const request: Job[] = [];
			for (; next < files.length && request.length < batch; next++) request.push({ index: next, ...files[next] });
			worker.postMessage({ jobs: request } satisfies WorkerRequest);
		};
		for (let i = 0; i < jobs; i++) {
			const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE, args, zones } });
			workers.push(worker);
			worker.on('message', (reply: WorkerReply) => {
				for (const { index, outcome } of reply.results) outcomes[index] = outcome;
				done += reply.results.length;
				onProgress(done);
				if (done === files.length) finish();
				else feed(worker);
			});
			worker.on('error', finish);
			worker.on('exit', (code) => {
				if (!settled) finish(new Error(`a check worker stopped (exit ${code}) before the files were checked`));
			});
			feed(worker);
		}
	});
}

/** In a worker: check each batch handed over, and send the outcomes back. */
function serveJobs(port: NonNullable<typeof parentPort>, args: CheckArguments, zones: readonly ZoneFacts[]): void {
	const configs = new CliConfigs();
	const workspace = zones.length > 0 ? new WorkspaceIndex(zones) : undefined;
	port.on('message', (request: WorkerRequest) => {
		const results = request.jobs.map((job) => ({
			index: job.index,
			outcome: checkZoneFile(job.file, job.explicit, args, configs, workspace),
		}));
		port.postMessage({ results } satisfies WorkerReply);
	});
}

const role = (workerData as { role?: unknown } | null)?.role;
if (!isMainThread && role === WORKER_ROLE && parentPort) {
	const data = workerData as { args: CheckArguments; zones: readonly ZoneFacts[] };
	serveJobs(parentPort, data.args, data.zones);
}
