import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly subject: string;
  readonly body: string;
  readonly raw: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /**
   * Errors of client connections (a client killed mid-session resets its connection). Kept here:
   * the server emits them as 'error' events, which would end the test process if nobody listened.
   */
  readonly connectionErrors: NodeJS.ErrnoException[];
  /** Make the next N deliveries fail with this SMTP code (4xx: try again later, 5xx: refused). */
  failNext(count: number, code: number): void;
  close(): Promise<void>;
}

function decodeHeader(value: string): string {
  // =?UTF-8?Q?...?= and =?UTF-8?B?...?= words, as nodemailer writes non-ASCII subjects.
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/giu, (_match, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/gu, ' ').replace(/=([0-9a-f]{2})/giu, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/gu, '').replace(/=([0-9A-F]{2})/giu, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s/gu, ''), 'base64').toString('utf8');
  return body;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let failures: { count: number; code: number } = { count: 0, code: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures.count > 0) {
          failures = { ...failures, count: failures.count - 1 };
          const error = Object.assign(new Error(failures.code >= 500 ? 'Rejected for good' : 'Try again later'), { responseCode: failures.code });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/u);
        const headers: Record<string, string> = {};
        for (const line of head.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
          const at = line.indexOf(':');
          if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          headers,
          subject: decodeHeader(headers.subject ?? ''),
          body: decodeBody(rest.join('\n\n'), headers['content-transfer-encoding']),
          raw,
        });
        callback();
      });
    },
  });
  const connectionErrors: NodeJS.ErrnoException[] = [];
  server.on('error', (error: NodeJS.ErrnoException) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    connectionErrors,
    failNext(count, code) {
      failures = { count, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
