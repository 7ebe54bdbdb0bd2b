/**
 * A real mail stack on loopback for the drill and probe tests, one per test file: Debian's Postfix as
 * the primary MX (delivering example.com into a Maildir) and as backup MXes (store-and-forward relays
 * for example.com to the primary, with a short retry), and Debian's Dovecot serving that Maildir over
 * IMAP and POP3 with a test user. Everything lives in a temporary directory, listens on 127.0.0.1
 * only, and is stopped by {@link MailStack.stop} (process groups, so no daemon outlives the test).
 * Facts behind the settings: ../shared/docs/mail-test-servers.md.
 *
 * Backup variants (one Postfix instance each):
 * - `validating`: relay_recipient_maps lists the primary's users, unknown ones get 550 5.1.1;
 * - `acceptsAny`: no relay_recipient_maps, so any local part is accepted (backscatter);
 * - `openRelay`: relays for any domain (what a backup must never be);
 * - `rejectsDomain`: not configured for example.com at all (554 5.7.1 Relay access denied).
 * No instance ever delivers outside the stack: every other destination goes to Postfix's `error` transport.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { closedPort, selfSignedCertificate } from './smtpServers';

export type BackupVariant = 'validating' | 'acceptsAny' | 'openRelay' | 'rejectsDomain';

export const MAIL_DOMAIN = 'example.com';
/** The mailbox user: `drill@example.com`, Dovecot login `drill`. */
export const MAILBOX_USER = 'drill';
export const MAILBOX_PASSWORD = 'drill-secret-1';
/** Numeric owner of the Maildir: needs no passwd entry. */
const MAIL_UID = 5000;

export interface MailStack {
	readonly base: string;
	readonly primaryPort: number;
	readonly backupPorts: Readonly<Record<BackupVariant, number>>;
	/** Plain IMAP and POP3, with STARTTLS/STLS offered. */
	readonly imapPort: number;
	readonly pop3Port: number;
	/** IMAP and POP3 over TLS from the start. */
	readonly imapsPort: number;
	readonly pop3sPort: number;
	/** Dovecot's self-signed certificate for `localhost` (PEM): the CA a TLS client must be given. */
	readonly certificate: string;
	/** Stops the primary MX (waits until its port is closed); nothing happens when it is stopped already. */
	stopPrimary(): Promise<void>;
	/** Starts the primary MX again; nothing happens when it runs already. */
	startPrimary(): Promise<void>;
	/** `postqueue -f` on a backup: retry its deferred mail now. */
	flush(variant: BackupVariant): void;
	/** `postqueue -p` of a backup, e.g. to wait until a message is deferred there. */
	queue(variant: BackupVariant): string;
	/** Files in the test user's Maildir (new and cur). */
	maildirFiles(): string[];
	stop(): Promise<void>;
}

/** The commands the stack needs, or the first one missing. */
export function missingMailTool(): string | undefined {
	for (const tool of ['postfix', 'postqueue', 'dovecot']) {
		const found = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((dir) => fs.existsSync(path.join(dir, tool)));
		if (!found) return tool;
	}
	// Postfix and Dovecot switch users and bind their own sockets: the stack needs root.
	if (process.getuid?.() !== 0) return 'root (Postfix and Dovecot are started as root)';
	return undefined;
}

const POSTFIX = '/usr/sbin/postfix';
const POSTQUEUE = '/usr/sbin/postqueue';
const DOVECOT = '/usr/sbin/dovecot';

/** Every service without chroot: the temp dir is not prepared as one. */
function masterCf(port: number): string {
	const services = [
		`127.0.0.1:${port} inet n - n - - smtpd`,
		'pickup unix n - n 60 1 pickup',
		'cleanup unix n - n - 0 cleanup',
		'qmgr unix n - n 300 1 qmgr',
		'rewrite unix - - n - - trivial-rewrite',
		'bounce unix - - n - 0 bounce',
		'defer unix - - n - 0 bounce',
		'trace unix - - n - 0 bounce',
		'verify unix - - n - 1 verify',
		'flush unix n - n 1000? 0 flush',
		'proxymap unix - - n - - proxymap',
		'smtp unix - - n - - smtp',
		'relay unix - - n - - smtp',
		'showq unix n - n - - showq',
		'error unix - - n - - error',
		'retry unix - - n - - error',
		'discard unix - - n - - discard',
		'virtual unix - n n - - virtual',
		'anvil unix - - n - 1 anvil',
		'scache unix - - n - 1 scache',
		'postlog unix-dgram n - n - 1 postlogd',
	];
	return services.join('\n') + '\n';
}

function mainCf(dir: string, base: string, lines: readonly string[]): string {
	return (
		[
			'compatibility_level = 3.6',
			`queue_directory = ${dir}/queue`,
			`data_directory = ${dir}/data`,
			`maillog_file = ${dir}/maillog`,
			`maillog_file_prefixes = /var, /dev/stdout, ${base}`,
			'inet_interfaces = 127.0.0.1',
			'inet_protocols = ipv4',
			'mydestination =',
			'mynetworks = 127.0.0.0/8',
			'alias_maps =',
			'alias_database =',
			'local_recipient_maps =',
			'biff = no',
			'smtpd_banner = $myhostname ESMTP',
			// Nothing may leave the stack, whatever a test sends.
			'default_transport = discard:no delivery outside the test stack',
			'smtp_dns_support_level = disabled',
			...lines,
		].join('\n') + '\n'
	);
}

interface Instance {
	readonly name: string;
	readonly dir: string;
	readonly port: number;
	master?: ChildProcess;
}

/** Starts the whole stack; `backups` chooses which backup variants run (each its own Postfix). */
export async function startMailStack(backups: readonly BackupVariant[] = ['validating']): Promise<MailStack> {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-mail-'));
	// mkdtemp makes 0700: Postfix's delivery agent and Dovecot's login processes must traverse it.
	fs.chmodSync(base, 0o755);
	const mailBase = path.join(base, 'mail');
	fs.mkdirSync(path.join(mailBase, MAIL_DOMAIN), { recursive: true, mode: 0o755 });
	fs.chownSync(mailBase, MAIL_UID, MAIL_UID);
	fs.chownSync(path.join(mailBase, MAIL_DOMAIN), MAIL_UID, MAIL_UID);

	const primary: Instance = { name: 'mx1', dir: path.join(base, 'mx1'), port: await closedPort() };
	const backupInstances = new Map<BackupVariant, Instance>();
	for (const variant of backups)
		backupInstances.set(variant, { name: `mx2-${variant}`, dir: path.join(base, `mx2-${variant}`), port: await closedPort() });

	writePostfix(primary, base, [
		`myhostname = mx1.${MAIL_DOMAIN}`,
		'smtpd_relay_restrictions = reject_unauth_destination',
		`virtual_mailbox_domains = ${MAIL_DOMAIN}`,
		`virtual_mailbox_maps = texthash:${primary.dir}/vmailbox`,
		`virtual_mailbox_base = ${mailBase}`,
		`virtual_uid_maps = static:${MAIL_UID}`,
		`virtual_gid_maps = static:${MAIL_UID}`,
	]);
	// The trailing slash makes the value a Maildir.
	fs.writeFileSync(path.join(primary.dir, 'vmailbox'), `${MAILBOX_USER}@${MAIL_DOMAIN} ${MAIL_DOMAIN}/${MAILBOX_USER}/\n`);

	for (const [variant, instance] of backupInstances) {
		const relay = [
			`relay_domains = ${MAIL_DOMAIN}`,
			`transport_maps = texthash:${instance.dir}/transport`,
			// Retry soon: the scenarios wait for the backup's own queue runs.
			'minimal_backoff_time = 2s',
			'maximal_backoff_time = 4s',
			'queue_run_delay = 2s',
		];
		const lines: Record<BackupVariant, string[]> = {
			validating: [...relay, `relay_recipient_maps = texthash:${instance.dir}/relay_recipients`],
			acceptsAny: relay,
			// The classic mistake: loopback is in mynetworks, and mynetworks may relay anywhere.
			openRelay: [...relay, 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination'],
			rejectsDomain: [],
		};
		writePostfix(instance, base, [
			`myhostname = mx2.${MAIL_DOMAIN}`,
			...(variant === 'openRelay' ? [] : ['smtpd_relay_restrictions = reject_unauth_destination']),
			...lines[variant],
		]);
		fs.writeFileSync(path.join(instance.dir, 'transport'), `${MAIL_DOMAIN} smtp:[127.0.0.1]:${primary.port}\n`);
		fs.writeFileSync(path.join(instance.dir, 'relay_recipients'), `${MAILBOX_USER}@${MAIL_DOMAIN} OK\n`);
	}

	const ports = { imap: await closedPort(), pop3: await closedPort(), imaps: await closedPort(), pop3s: await closedPort() };
	const tls = await selfSignedCertificate('localhost');
	fs.writeFileSync(path.join(base, 'dovecot.crt'), tls.cert);
	fs.writeFileSync(path.join(base, 'dovecot.key'), tls.key, { mode: 0o600 });
	const dovecotConf = writeDovecot(base, mailBase, ports);
	backdate(base);

	let dovecot: ChildProcess | undefined;
	const all = [primary, ...backupInstances.values()];
	try {
		await Promise.all(all.map((instance) => startPostfix(instance)));
		dovecot = spawn(DOVECOT, ['-F', '-c', dovecotConf], {
			detached: true,
			stdio: ['ignore', fs.openSync(path.join(base, 'dovecot.out'), 'a'), fs.openSync(path.join(base, 'dovecot.out'), 'a')],
		});
		await Promise.all(Object.values(ports).map((port) => waitForPort(port, dovecot as ChildProcess, base)));
	} catch (error) {
		await Promise.all(all.map(stopPostfix));
		if (dovecot) await stopGroup(dovecot);
		throw error;
	}

	const backupPorts = Object.fromEntries([...backupInstances].map(([variant, instance]) => [variant, instance.port])) as Record<
		BackupVariant,
		number
	>;
	const backupDir = (variant: BackupVariant): string => {
		const instance = backupInstances.get(variant);
		if (!instance) throw new Error(`the stack has no ${variant} backup`);
		return instance.dir;
	};
	return {
		base,
		primaryPort: primary.port,
		backupPorts,
		imapPort: ports.imap,
		pop3Port: ports.pop3,
		imapsPort: ports.imaps,
		pop3sPort: ports.pop3s,
		certificate: tls.cert,
		async stopPrimary() {
			await stopPostfix(primary);
			// The script may exit before the master has closed its listener.
			await waitUntil(async () => !(await accepts(primary.port)), `port ${primary.port} still accepts after stopping the primary`);
		},
		startPrimary: async () => {
			if (!primary.master) await startPostfix(primary);
		},
		flush: (variant) => run(POSTQUEUE, ['-c', backupDir(variant), '-f']),
		queue: (variant) => run(POSTQUEUE, ['-c', backupDir(variant), '-p']),
		maildirFiles: () =>
			['new', 'cur'].flatMap((sub) => {
				const dir = path.join(mailBase, MAIL_DOMAIN, MAILBOX_USER, sub);
				return fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => path.join(dir, file)) : [];
			}),
		async stop() {
			await Promise.all(all.map(stopPostfix));
			if (dovecot) await stopGroup(dovecot);
			fs.rmSync(base, { recursive: true, force: true });
		},
	};
}

function writePostfix(instance: Instance, base: string, lines: readonly string[]): void {
	for (const sub of ['', 'queue', 'data']) fs.mkdirSync(path.join(instance.dir, sub), { recursive: true, mode: 0o755 });
	fs.chmodSync(path.join(instance.dir, 'queue'), 0o755);
	// The master's lock file and the TLS caches are written as the mail_owner.
	const owner = postfixOwner();
	fs.chownSync(path.join(instance.dir, 'data'), owner.uid, owner.gid);
	fs.writeFileSync(path.join(instance.dir, 'main.cf'), mainCf(instance.dir, base, lines));
	fs.writeFileSync(path.join(instance.dir, 'master.cf'), masterCf(instance.port));
}

/** The uid and gid of Debian's `postfix` user (made by the package). */
function postfixOwner(): { uid: number; gid: number } {
	return { uid: Number(run('id', ['-u', 'postfix'])), gid: Number(run('id', ['-g', 'postfix'])) };
}

function writeDovecot(base: string, mailBase: string, ports: Record<'imap' | 'pop3' | 'imaps' | 'pop3s', number>): string {
	const users = path.join(base, 'dovecot-users');
	fs.writeFileSync(
		users,
		`${MAILBOX_USER}:{PLAIN}${MAILBOX_PASSWORD}:${MAIL_UID}:${MAIL_UID}::${mailBase}/${MAIL_DOMAIN}/${MAILBOX_USER}::\n`,
		{
			mode: 0o644,
		},
	);
	const conf = path.join(base, 'dovecot.conf');
	fs.writeFileSync(
		conf,
		[
			`base_dir = ${base}/dovecot-run`,
			`state_dir = ${base}/dovecot-state`,
			`log_path = ${base}/dovecot.log`,
			'listen = 127.0.0.1',
			'protocols = imap pop3',
			// TLS offered (STARTTLS, STLS, IMAPS, POP3S), plain logins allowed too.
			'ssl = yes',
			`ssl_cert = <${base}/dovecot.crt`,
			`ssl_key = <${base}/dovecot.key`,
			'disable_plaintext_auth = no',
			'auth_mechanisms = plain login',
			'default_internal_user = nobody',
			'default_internal_group = nogroup',
			'default_login_user = nobody',
			`mail_location = maildir:${mailBase}/${MAIL_DOMAIN}/%n`,
			`first_valid_uid = ${MAIL_UID}`,
			`last_valid_uid = ${MAIL_UID}`,
			'pop3_uidl_format = %08Xu%08Xv',
			// A wrong password is one of the scenarios: do not make it wait.
			'auth_failure_delay = 0',
			`passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%n ${users}\n}`,
			`userdb {\n  driver = passwd-file\n  args = username_format=%n ${users}\n}`,
			`service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${ports.imap}\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${ports.imaps}\n    ssl = yes\n  }\n}`,
			`service pop3-login {\n  inet_listener pop3 {\n    address = 127.0.0.1\n    port = ${ports.pop3}\n  }\n  inet_listener pop3s {\n    address = 127.0.0.1\n    port = ${ports.pop3s}\n    ssl = yes\n  }\n}`,
			'',
		].join('\n'),
	);
	return conf;
}

/** Postfix ignores a main.cf younger than a second (and polls again): date the configs back. */
function backdate(dir: string): void {
	const past = new Date(Date.now() - 5000);
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
		if (entry.isFile()) fs.utimesSync(path.join(entry.parentPath, entry.name), past, past);
}

function run(command: string, args: readonly string[]): string {
	const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message || result.status}`);
	return result.stdout;
}

/** `postfix start-fg` as our child in its own process group, so stopping it kills every Postfix daemon. */
async function startPostfix(instance: Instance): Promise<void> {
	// Configuration errors go to master.out and the maillog: waitForPort names the directory.
	const log = fs.openSync(path.join(instance.dir, 'master.out'), 'a');
	instance.master = spawn(POSTFIX, ['-c', instance.dir, 'start-fg'], { detached: true, stdio: ['ignore', log, log] });
	fs.closeSync(log);
	await waitForPort(instance.port, instance.master, instance.dir);
}

async function stopPostfix(instance: Instance): Promise<void> {
	const script = instance.master;
	instance.master = undefined;
	if (!script) return;
	// The master daemon makes itself a session leader: its group (with every Postfix daemon) is not the script's.
	const pidFile = path.join(instance.dir, 'queue', 'pid', 'master.pid');
	const master = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
	await stopGroup(script, Number.isInteger(master) && master > 1 ? [master] : []);
}

/**
 * SIGTERM to the child's process group and to `groups`, SIGKILL after 5 s; resolves once the child
 * has exited, then kills what is left of the groups.
 */
async function stopGroup(child: ChildProcess, groups: readonly number[] = []): Promise<void> {
	if (child.pid === undefined) return;
	const all = [child.pid, ...groups];
	const signal = (name: NodeJS.Signals): void => {
		for (const group of all) {
			try {
				process.kill(-group, name);
			} catch {
				// The group is already gone.
			}
		}
	};
	const running = child.exitCode === null && child.signalCode === null;
	const exited = running ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
	// Daemons of the groups that outlived the leader.
	signal('SIGKILL');
}

/** Resolves when something accepts connections on the port; rejects when `child` exits first or after 15 s. */
async function waitForPort(port: number, child: ChildProcess, logDir: string): Promise<void> {
	await waitUntil(async () => {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`a mail server exited before listening on port ${port}; see the logs in ${logDir}`);
		return accepts(port);
	}, `nothing listens on port ${port} after 15 s; see the logs in ${logDir}`);
}

async function waitUntil(condition: () => Promise<boolean>, failure: string): Promise<void> {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > 15_000) throw new Error(failure);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function accepts(port: number): Promise<boolean> {
	return new Promise<boolean>((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port }, () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
