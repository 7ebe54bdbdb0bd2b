/**
 * Checks for every string that goes on the SMTP wire: host names, EHLO names and mailboxes.
 *
 * SMTP is a line protocol, so a CR or LF inside an address would end the command early and let
 * the rest of the string be read as another command (command injection). Everything we send is
 * therefore checked here first, against the RFC 5321 grammar in its plain-ASCII form, and refused
 * before a connection is opened when it does not fit.
 */
import * as net from 'node:net';

/** RFC 5321 §4.5.3.1: local part at most 64 octets, domain at most 255, a path at most 256 with its `<>`. */
export const LIMITS = Object.freeze({ localPart: 64, domain: 255, path: 256 });

/** Any C0 control character, DEL, or a character outside ASCII (we do not negotiate SMTPUTF8). */
const UNSAFE = /[^\x20-\x7e]/;

/** RFC 5321 `sub-domain`: a letter or digit, then letters, digits and hyphens, not ending in a hyphen. */
const SUB_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** RFC 5321 `Atom`: one or more `atext` characters (RFC 5322 §3.2.3). */
const ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+$/i;

/** RFC 5321 `Quoted-string`: `qtextSMTP` (32–126 except `"` and `\`) or `\` followed by 32–126. */
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;

/** Shows control characters as `\r`, `\n` or `\xNN`, so an error message never carries them either. */
export function visible(text: string): string {
	return text.replace(/[^\x20-\x7e]/g, (c) =>
		c === '\r' ? '\\r' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
	);
}

/**
 * Why `name` is not a host name we may send, or `undefined` when it is fine. Accepts one trailing
 * dot (`mx1.example.com.`), which is dropped on the wire; needs at least one dot, e.g. `mx1.example.com`.
 */
export function hostNameError(name: string): string | undefined {
	if (UNSAFE.test(name)) return `'${visible(name)}' contains control or non-ASCII characters`;
	const bare = name.endsWith('.') ? name.slice(0, -1) : name;
	if (bare.length === 0) return 'the host name is empty';
	if (bare.length > 253) return `'${bare.slice(0, 40)}…' is longer than 253 characters`;
	const labels = bare.split('.');
	if (!labels.every((label) => SUB_DOMAIN.test(label))) return `'${name}' is not a host name (letters, digits and hyphens between dots)`;
	if (/^[0-9]+$/.test(labels[labels.length - 1])) return `'${name}' looks like an address, not a host name`;
	return undefined;
}

/** The host name as it goes on the wire: no trailing dot, e.g. `mx1.example.com.` → `mx1.example.com`. */
export function wireHostName(name: string): string {
	return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * Why `name` cannot be our EHLO/HELO argument, or `undefined`. RFC 5321 §4.1.1.1 allows a domain
 * or an address literal such as `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
 */
export function heloNameError(name: string): string | undefined {
	const literal = /^\[(?:IPv6:)?([^\]]+)\]$/.exec(name);
	if (literal) {
		const family = net.isIP(literal[1]);
		const wantsV6 = name.startsWith('[IPv6:');
		return family === (wantsV6 ? 6 : 4)
			? undefined
			: `'${visible(name)}' is not an address literal such as [192.0.2.1] or [IPv6:2001:db8::1]`;
	}
	return hostNameError(name);
}

/** The RFC 5321 address literal of a socket address: `[192.0.2.1]` or `[IPv6:2001:db8::1]`. */
export function addressLiteral(address: string): string {
	return net.isIPv6(address) ? `[IPv6:${address}]` : `[${address}]`;
}

/**
 * Why `mailbox` is not an RFC 5321 `Mailbox` we may send, or `undefined`. The local part is a
 * dot-string (`postmaster`, `zone.sentinel+test`) or a quoted string; the domain is a host name.
 * Address literals as domains are refused: we only send to the domain under test.
 */
export function mailboxError(mailbox: string): string | undefined {
	if (UNSAFE.test(mailbox)) return `'${visible(mailbox)}' contains control or non-ASCII characters`;
	if (mailbox.length + 2 > LIMITS.path) return `the address is longer than ${LIMITS.path - 2} characters`;
	const at = mailbox.lastIndexOf('@');
	if (at <= 0) return `'${mailbox}' is not a mail address (local-part@domain)`;
	const local = mailbox.slice(0, at);
	const domain = mailbox.slice(at + 1);
	if (local.length > LIMITS.localPart) return `the local part of '${mailbox}' is longer than ${LIMITS.localPart} characters`;
	const dotString = local.split('.').every((atom) => ATOM.test(atom));
	if (!dotString && !QUOTED_STRING.test(local)) return `'${local}' is not a valid local part (RFC 5321 §4.1.2)`;
	if (domain.endsWith('.')) return `the domain of '${mailbox}' must not end with a dot`;
	const domainError = hostNameError(domain);
	return domainError === undefined ? undefined : `the domain of '${mailbox}' is not valid: ${domainError}`;
}

/**
 * A command line we are about to write, checked once more as the last line of defence: printable
 * ASCII only and at most 512 octets with its CRLF (RFC 5321 §4.5.3.1.4). Throws, because a failure
 * here is a bug in the caller: every piece was validated before.
 */
export function assertSafeCommand(line: string): void {
	if (UNSAFE.test(line) || line.length + 2 > 512)
		throw new Error(`refusing to send an unsafe SMTP command: '${visible(line).slice(0, 80)}'`);
}

/** Replaces `{domain}` in a configured address, e.g. `postmaster@{domain}` → `postmaster@example.com`. */
export function expandAddress(template: string, domain: string): string {
	return template.split('{domain}').join(wireHostName(domain));
}

/** Address ranges no sender on the Internet connects to for mail, with the words that explain why. */
const NOT_AN_EXCHANGER_ADDRESS = (
	[
		['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
		['127.0.0.0', 8, 'ipv4', 'a loopback address'],
		['169.254.0.0', 16, 'ipv4', 'a link-local address'],
		['224.0.0.0', 4, 'ipv4', 'a multicast address'],
		['240.0.0.0', 4, 'ipv4', 'a reserved (or broadcast) address'],
		['::', 128, 'ipv6', 'the unspecified address'],
		['::1', 128, 'ipv6', 'the loopback address'],
		['fe80::', 10, 'ipv6', 'a link-local address'],
		['ff00::', 8, 'ipv6', 'a multicast address'],
	] as const
).map(([network, prefix, type, why]) => {
	const range = new net.BlockList();
	range.addSubnet(network, prefix, type);
	return { range, why };
});

/**
 * Why `address` (from the zone or DNS) must not be contacted as a mail exchanger, or `undefined`.
 * A zone that points an MX host at `0.0.0.0` or `127.0.0.1` would otherwise make the test talk to
 * whatever listens on this machine (IPv4-mapped IPv6 such as `::ffff:127.0.0.1` counts as IPv4).
 */
export function forbiddenTargetReason(address: string): string | undefined {
	const family = net.isIP(address);
	if (family === 0) return 'not an IP address';
	const type = family === 6 ? 'ipv6' : 'ipv4';
	return NOT_AN_EXCHANGER_ADDRESS.find(({ range }) => range.check(address, type))?.why;
}
