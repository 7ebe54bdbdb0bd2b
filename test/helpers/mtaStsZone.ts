/** The zone and policies the MTA-STS policy-file tests share: an `_mta-sts` record, a primary in the zone, a backup outside it. */
export const MTA_STS_ZONE = [
	'$ORIGIN example.com.',
	'$TTL 1h',
	'@         SOA ns1 hostmaster 1 7200 3600 1209600 3600',
	'          NS  ns1',
	'ns1       A   192.0.2.53',
	'_mta-sts  TXT "v=STSv1; id=20261201"',
	'@         MX  10 mail',
	'@         MX  20 backup.example.net.',
	'mail      A   192.0.2.25',
	'',
].join('\n');

/** Zero-based line of the `_mta-sts` record. */
export const MTA_STS_LINE = 5;

/** An enforce policy that lists the primary only, and one that lists both exchangers. */
export const ONLY_PRIMARY_POLICY = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n';
export const BOTH_POLICY = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: backup.example.net\nmax_age: 604800\n';
