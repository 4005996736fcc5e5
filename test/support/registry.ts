import { expect } from 'vitest';
import { runCliInProcess } from './cli.js';

/**
 * The Örebro registry the chat tests start from, kept with the CLI as an administrator would: one
 * IT-contact of a provider and one member of staff, each with the chat identity they use.
 */
export async function registerOrebro(
  env: Record<string, string>,
  people: { readonly contact: { readonly name: string; readonly email?: string; readonly identity: readonly string[] }; readonly staff: { readonly name: string; readonly identity: readonly string[] } },
): Promise<void> {
  const added = await runCliInProcess(
    ['contacts', 'add', '--municipality', 'orebro', '--provider', 'Omsorg i Örebro AB', '--org-number', '556036-0793', '--name', people.contact.name, '--email', people.contact.email ?? 'anna@omsorg.se', '--phone', '070-123 45 67', ...people.contact.identity],
    env,
  );
  expect(added.code, added.stderr).toBe(0);
  const staffAdded = await runCliInProcess(['staff', 'add', '--municipality', 'orebro', '--name', people.staff.name, ...people.staff.identity], env);
  expect(staffAdded.code, staffAdded.stderr).toBe(0);
}
