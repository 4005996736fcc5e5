import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, PROJECT_ROOT, startBin, withOperator } from '../support/cli.js';
import { eventually, temporaryDataDir } from '../support/server.js';
import { startSmtpServer } from '../support/smtp.js';

const ORE_FIELDS = ['provider=Omsorg AB', 'name=Berit Berg', 'function=Enhetschef', 'hsaId=SE2321000016-1003', 'treservaUsername=beritb'];

describe('a crash between saving a ticket and sending it', () => {
  it('sends the ticket exactly once after a restart', { timeout: 90_000 }, async () => {
    // A mail server that accepts the connection and then says nothing: the sender hangs mid-send.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const silentPort = (silent.address() as AddressInfo).port;
    const dataDir = await temporaryDataDir();
    const storeFile = join(dataDir, 'itkontakt.json');
    const env = await withOperator({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, OUTBOX_LEASE_SECONDS: '1', LOG_LEVEL: 'warn' });

    const typeId = 'ore-ticket-lifecare-sp-user';
    const filer = spawn(process.execPath, [BIN, 'tickets', 'file', '--municipality', 'orebro', '--type', typeId, ...ORE_FIELDS.flatMap((field) => ['--field', field]), '--json'], {
      cwd: PROJECT_ROOT,
      env: { ...env, SMTP_URL: `smtp://127.0.0.1:${silentPort}` },
    });
    let output = '';
    filer.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    filer.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Saved and claimed for sending, but not sent: now the process dies.
    await eventually(async () => {
      const text = await readFile(storeFile, 'utf8').catch(() => '');
      const data = text ? (JSON.parse(text) as { outbox: Record<string, { attempts: number; status: string }> }) : undefined;
      return data && Object.values(data.outbox).some((entry) => entry.attempts === 1 && entry.status === 'pending');
    }, 30_000);
    filer.kill('SIGKILL');
    await once(filer, 'exit');
    expect(output).not.toMatch(/"ok":true/u);
    for (const socket of sockets) socket.destroy();
    silent.close();

    const smtp = await startSmtpServer();
    const server = await startBin({ ...env, LOG_LEVEL: 'info', PORT: '0', SMTP_URL: smtp.url, OUTBOX_INTERVAL_SECONDS: '0.2' });
    try {
      await eventually(() => smtp.messages.length > 0, 30_000);
      // Give a second delivery every chance to happen before counting.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]!.to).toEqual(['vardochstod@orebro.se']);
      expect(smtp.messages[0]!.body).toContain('SE2321000016-1003');
      const data = JSON.parse(await readFile(storeFile, 'utf8')) as { outbox: Record<string, { status: string; channel: string }> };
      expect(Object.values(data.outbox).filter((entry) => entry.channel === 'email')).toMatchObject([{ status: 'sent' }]);
    } finally {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
      await smtp.close();
    }
  });
});
