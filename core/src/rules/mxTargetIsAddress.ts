/**
 * `mxTargetIsAddress`: the exchange is an IP address. MX RDATA is a host name, never an address
 * (RFC 5321 §5.1); written without a dot, `192.0.2.25` even becomes `192.0.2.25.example.com.`. A warning, as
 * in BIND (`check-mx warn`), which loads the zone.
 *
 * Bad:  `@ MX 10 192.0.2.25`
 * Good: `@ MX 10 mx1` and `mx1 A 192.0.2.25`
 */
import { fieldSpan } from '../model/zoneModel';
import { isIpv4, isIpv6 } from '../model/rrTypes/addresses';
import { mailFacts } from '../model/mail/mailExchangers';
import type { Rule } from './rule';

export const mxTargetIsAddress: Rule = {
	id: 'mxTargetIsAddress',
	defaultLevel: 'warning',
	description: 'The MX exchange is an IP address; it must be a host name that has A/AAAA records.',
	reference: 'RFC 5321 §5.1, RFC 1035 §3.3.9',
	reads: ['mailFacts'],
	check(context) {
		const { model } = context;
		for (const exchangers of mailFacts(model).exchangersByOwner.values()) {
			for (const mx of exchangers) {
				if (mx.isNull || mx.record.generated) continue;
				const span = fieldSpan(model, mx.record, mx.record.rdataField + 1);
				const written = model.files[span.file].syntax.tokens.text.slice(span.start, span.end).replace(/\.$/, '');
				if (!isIpv4(written) && !isIpv6(written)) continue;
				context.report({
					...span,
					message: `The MX exchange '${written}' is an IP address, but MX needs a host name (RFC 5321 §5.1): senders look up '${mx.exchange}' as a name and fail. Add e.g. 'mx1 A ${written}' and point the MX at mx1.`,
				});
			}
		}
	},
};
