/** Text from zone files and paths made safe to print to a terminal or a CI log. */

/**
 * Control characters (ESC, NUL, DEL, C1), bidirectional overrides, line separators and lone
 * surrogates as visible escapes (`\\x1b`, `\\u202e`), so zone text cannot drive the terminal or
 * reorder what is shown. `keepLineBreaks` leaves CR and LF alone (GitHub escapes them itself).
 */
export function printable(text: string, keepLineBreaks = false): string {
	return text.replace(UNPRINTABLE, (c) => {
		if (keepLineBreaks && (c === '\r' || c === '\n')) return c;
		const code = c.charCodeAt(0);
		return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
	});
}

const UNPRINTABLE =
	// eslint-disable-next-line no-control-regex
	/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
