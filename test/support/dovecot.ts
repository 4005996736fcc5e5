import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';

/** A mail in the test mailbox as a person would see it in their client: read or not. */
export interface MailboxEntry {
  readonly uid: number;
  readonly subject: string;
  readonly seen: boolean;
}

/** A real IMAP server (Dovecot) on loopback with one user and a Maildir in a temporary directory. */
export interface TestImapServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** IMAP_* for the server under test (plain IMAP, allowed because the server is on loopback). */
  readonly env: Record<string, string>;
  /** Puts a raw RFC 5322 mail into INBOX, unread, as delivery would (IMAP APPEND). */
  append(raw: string): Promise<void>;
  /** What INBOX holds, in order. */
  list(): Promise<MailboxEntry[]>;
  close(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when the server greets (`* OK`) on the port. */
async function greeting(port: number, process: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (process.exitCode !== null) throw new Error(`dovecot exited with ${process.exitCode}:\n${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on 127.0.0.1:${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts Dovecot (Debian's dovecot-imapd) in the foreground with a configuration of its own: IMAP
 * only, on a free loopback port, a passwd-file user, a Maildir and its runtime files under a
 * temporary directory. Not the system service: nothing outside that directory is used or changed.
 */
export async function startImapServer(): Promise<TestImapServer> {
  if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} is missing: apt-get install -y dovecot-imapd (.ci/run installs it)`);
  const root = await mkdtemp(join(tmpdir(), 'itk-imap-'));
  const port = await freeLoopbackPort();
  const user = 'arenden@itkontakt.test';
  const password = 'imap-test-password';
  const me = userInfo();
  // As root, Dovecot runs its processes as its own users and refuses mail as root: mail belongs to
  // nobody. Otherwise everything runs as the user running the tests.
  const asRoot = me.uid === 0;
  const mailUid = asRoot ? 65534 : me.uid;
  const mailGid = asRoot ? 65534 : me.gid;
  await Promise.all(['base', 'state', 'mail'].map((directory) => mkdir(join(root, directory))));
  if (asRoot) {
    // mkdtemp makes the directory its owner's alone; the mail processes run as nobody.
    await chmod(root, 0o755);
    await chmod(join(root, 'mail'), 0o777);
  }
  await writeFile(join(root, 'users'), `${user}:{PLAIN}${password}\n`);
  const config = [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${join(root, 'base')}`,
    `state_dir = ${join(root, 'state')}`,
    `log_path = ${join(root, 'dovecot.log')}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:${join(root, 'mail')}/%u`,
    'first_valid_uid = 1',
    ...(asRoot ? [] : [`default_login_user = ${me.username}`, `default_internal_user = ${me.username}`]),
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${join(root, 'users')}\n}`,
    `userdb {\n  driver = static\n  args = uid=${mailUid} gid=${mailGid} home=${join(root, 'mail')}/%u\n}`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    '',
  ].join('\n');
  const configFile = join(root, 'dovecot.conf');
  await writeFile(configFile, config);
  const output: string[] = [];
  const child = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Dovecot writes its own complaints (a bad setting, a permission) to log_path, not to stderr.
  const logFile = join(root, 'dovecot.log');
  const log = (): string => [output.join(''), existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''].join('\n');
  try {
    await greeting(port, child, log);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await imap.connect();
    try {
      return await work(imap);
    } finally {
      await imap.logout();
    }
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    env: { IMAP_HOST: '127.0.0.1', IMAP_PORT: String(port), IMAP_TLS: '0', IMAP_USER: user, IMAP_PASSWORD: password },
    append: (raw) => client(async (imap) => void (await imap.append('INBOX', raw, []))),
    list: () =>
      client(async (imap) => {
        const lock = await imap.getMailboxLock('INBOX');
        try {
          const entries: MailboxEntry[] = [];
          // '1:*' on an empty mailbox is an error; there is nothing to list.
          if (imap.mailbox && imap.mailbox.exists === 0) return entries;
          for await (const message of imap.fetch('1:*', { uid: true, flags: true, envelope: true })) {
            entries.push({ uid: message.uid, subject: message.envelope?.subject ?? '', seen: message.flags?.has('\\Seen') ?? false });
          }
          return entries;
        } finally {
          lock.release();
        }
      }),
    async close() {
      child.kill('SIGTERM');
      await exited;
      await rm(root, { recursive: true, force: true });
    },
  };
}
