// A bench server: `itkontakt serve` in a child process of the bench, configured by its environment,
// that also answers the bench over IPC ('cpu', 'stop', { publish }). Forked by servers.ts.
import type { PublishResult } from './servers.js';

const { loadConfig } = await import('../../../src/config/index.js');
const { createLogger } = await import('../../../src/log/index.js');
const { serve } = await import('../../../src/server/index.js');
const { openServices } = await import('../../../src/app/index.js');
const { operatorPrincipal } = await import('../../../src/contacts/index.js');

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const running = await serve(config, logger);
// Staff publish through a notice service on a store of its own (as `itkontakt notices publish`
// does in a process of its own; see publish() in servers.ts).
const registry = await openServices(config, logger);
process.send?.({ port: Number(new URL(running.server.url).port), cpuMs: cpuMs() });
process.on('message', (message) => {
  if (message === 'cpu') {
    process.send?.({ cpuMs: cpuMs() });
  } else if (message === 'stop') {
    void running.stop().finally(() => process.exit(0));
  } else if (typeof message === 'object' && message !== null && 'publish' in message) {
    // Both at once: the store writes them together, so every channel starts at the same moment.
    const ids = (message as { publish: string[] }).publish;
    void Promise.all(
      ids.map(async (id): Promise<PublishResult> => {
        const result = await registry.notices.publish(operatorPrincipal('bench'), id);
        return result.ok ? { id, publishedAt: result.value.publishedAt ?? '', queued: registry.notices.queuedBy(id) } : { id, error: result.reason.kind };
      }),
    ).then((results) => process.send?.({ published: results }));
  }
});
process.on('disconnect', () => process.exit(0));
