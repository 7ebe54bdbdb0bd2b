/**
 * Memory measurements for the robustness tests: a full garbage collection, then the V8 heap plus
 * the array buffers (token and entry tables are typed arrays, which live outside the heap).
 * `gc` is exposed at run time, so `npm test` needs no `--expose-gc` flag.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | undefined;

/** Runs a full garbage collection (twice: weak references and finalizers settle in the second). */
export function fullGc(): void {
	if (!collect) {
		const exposed = (globalThis as { gc?: () => void }).gc;
		if (exposed) collect = exposed;
		else {
			v8.setFlagsFromString('--expose-gc');
			collect = vm.runInNewContext('gc') as () => void;
		}
	}
	collect();
	collect();
}

/** Bytes in use after a full collection: heap plus array buffers. */
export function usedBytes(): number {
	fullGc();
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

export const MB = 1024 * 1024;
