/**
 * "Increment SOA serial", a command the language server runs (`workspace/executeCommand`): it
 * answers by asking the client to apply the edit (`workspace/applyEdit`). Imports nothing.
 */

/** Arguments: one {@link IncrementSerialArguments}. */
export const INCREMENT_SERIAL_COMMAND = 'zoneSentinel.incrementSerial';

export interface IncrementSerialArguments {
	readonly uri: string;
	/** The document version the edit is meant for; a different version is refused (`ContentModified`). */
	readonly version?: number;
}
