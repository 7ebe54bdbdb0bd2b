/**
 * Work in steps: a generator that yields where its caller may pause (the language server answers
 * requests there, see ServerState.analysisOfAsync) and returns its result. The core never schedules
 * anything itself; a caller that cannot pause runs the steps to the end with {@link finish}.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end and returns their result. */
export function finish<T>(steps: Steps<T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}
