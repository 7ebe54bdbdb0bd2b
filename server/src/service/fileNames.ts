/** File names for messages and hovers, from the URIs the client and the include reader use. */

/** The last path segment of a URI, decoded, e.g. for the origin-from-file-name guess (`db.example.com`). */
export function fileNameOf(uri: string): string {
	const path = uri.replace(/[?#].*$/, '');
	const last = path.slice(path.lastIndexOf('/') + 1);
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}
