/**
 * Record snippets offered at the type position: the type word and its RDATA with tab stops. Names
 * are written absolute under the zone's origin (relative RDATA names are easy to get wrong), and a
 * multi-line snippet is inserted as written (`InsertTextMode.asIs`), so its blank-owner lines keep
 * inheriting the owner instead of picking up the cursor line's indentation twice.
 */
import { type CompletionItem, CompletionItemKind, InsertTextFormat, InsertTextMode, type Range } from 'vscode-languageserver-types';
import { type CalendarDate, DMARC_POLICIES } from '../../../core/src/index';

interface Snippet {
	readonly label: string;
	/** What the client matches the typed word against: the type mnemonic. */
	readonly type: string;
	readonly detail: string;
	readonly body: string;
}

/** The snippets for a zone whose origin is `origin` (names get it appended; `example.com.` stands in when unknown). */
export function completionSnippets(origin: string | undefined, today: CalendarDate, range: Range): CompletionItem[] {
	const apex = escapeSnippet(origin && origin !== '.' ? origin : 'example.com.');
	const serial = `${today.year}${pad(today.month)}${pad(today.day)}01`;
	const snippets: Snippet[] = [
		{
			label: 'SOA record',
			type: 'SOA',
			detail: 'SOA with date serial and common timers',
			body: `SOA\t\${1:ns1}.${apex} \${2:hostmaster}.${apex} (\n\t\t\${3:${serial}}\t; serial\n\t\t\${4:2h}\t; refresh\n\t\t\${5:1h}\t; retry\n\t\t\${6:2w}\t; expire\n\t\t\${7:1h} )\t; negative caching TTL`,
		},
		{
			label: 'MX pair (primary + backup)',
			type: 'MX',
			detail: 'two exchangers: preference 10 first, 20 as backup',
			body: `MX\t\${1:10} \${2:mx1}.${apex}\n\tMX\t\${3:20} \${4:mx2}.${apex}`,
		},
		{
			label: 'SRV record',
			type: 'SRV',
			detail: 'priority weight port target (owner _service._proto)',
			body: `SRV\t\${1:10} \${2:5} \${3:443} \${4:host}.${apex}`,
		},
		{
			label: 'CAA record',
			type: 'CAA',
			detail: 'which CA may issue certificates',
			body: `CAA\t0 \${1|issue,issuewild,iodef|} "\${2:letsencrypt.org}"`,
		},
		{
			label: 'TXT SPF record',
			type: 'TXT',
			detail: 'v=spf1: the MX hosts may send, others fail',
			body: `TXT\t"v=spf1 \${1:mx} \${2|-all,~all|}"`,
		},
		{
			label: 'TXT DMARC record',
			type: 'TXT',
			detail: 'v=DMARC1 policy and reports (owner _dmarc)',
			body: `TXT\t"v=DMARC1; p=\${1|${DMARC_POLICIES.join(',')}|}; rua=mailto:\${2:dmarc-reports}@${apex.replace(/\.$/, '')}"`,
		},
	];
	return snippets.map((snippet) => ({
		label: snippet.label,
		kind: CompletionItemKind.Snippet,
		detail: snippet.detail,
		filterText: snippet.type,
		sortText: `2${snippet.type}`,
		insertTextFormat: InsertTextFormat.Snippet,
		insertTextMode: InsertTextMode.asIs,
		textEdit: { range, newText: snippet.body },
	}));
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Text taken literally inside a snippet: `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
	return text.replace(/[$}\\]/g, '\\$&');
}
