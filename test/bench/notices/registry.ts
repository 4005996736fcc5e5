// The registry the notices go to: contacts and their chat destinations, written straight into an
// embedded store (lowdb). With --store postgres it is copied from there with `itkontakt db copy`.

export const CONTACTS = 2_500;
/** Of every 5 contacts, 3 have a Teams personal chat with the bot, 1 gets Slack DMs by user id, 1 has a Slack personal destination. */
const TEAMS_SHARE = 3;
const SLACK_DM_SHARE = 1;
export const TEAMS_TENANT = 'bench-tenant-0000-0000-000000000001';

const pad = (value: number, length: number): string => String(value).padStart(length, '0');

/** Who was seeded, as the fakes will see each recipient: Teams conversations, Slack channels or user ids, email addresses, numbers. */
export interface SeededRegistry {
  readonly teams: string[];
  readonly slack: string[];
  readonly emails: string[];
  readonly phones: string[];
}

export async function seedRegistry(dataDir: string, serviceUrl: string, slackTeam: string): Promise<SeededRegistry> {
  const { LowdbStore } = await import('../../../src/store/index.js');
  const store = await LowdbStore.open(dataDir);
  const at = new Date().toISOString();
  const teams: string[] = [];
  const slack: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  await store.update((data) => {
    for (let index = 0; index < CONTACTS; index += 1) {
      const number = pad(index, 5);
      const email = `kontakt.${number}@omsorg-bench.se`;
      const phone = `+4670${pad(index, 7)}`;
      const kind = index % 5 < TEAMS_SHARE ? 'teams' : index % 5 < TEAMS_SHARE + SLACK_DM_SHARE ? 'slack-dm' : 'slack-personal';
      let identity: { platform: 'teams' | 'slack'; tenantId: string; userId: string };
      if (kind === 'teams') {
        const aad = `00000000-0000-0000-0000-${pad(index, 12)}`;
        const conversationId = `a:bench-personal-${number}`;
        identity = { platform: 'teams', tenantId: TEAMS_TENANT, userId: aad };
        const key = `teams:${TEAMS_TENANT}:${conversationId}`;
        // As the Teams adapter stores a personal chat when the person installs the app.
        data.destinations[key] = {
          key,
          platform: 'teams',
          tenantId: TEAMS_TENANT,
          conversationId,
          kind: 'personal',
          reference: {
            channelId: 'msteams',
            serviceUrl,
            conversation: { id: conversationId, conversationType: 'personal', tenantId: TEAMS_TENANT },
            bot: { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'itkontakt' },
            user: { id: `29:bench-user-${number}`, name: `Kontakt ${number}`, aadObjectId: aad },
            locale: 'sv-SE',
          },
          installedBy: `teams:${TEAMS_TENANT}:${aad}`,
          installedAt: at,
          municipality: null,
          inactiveSince: null,
        };
        teams.push(conversationId);
      } else if (kind === 'slack-dm') {
        identity = { platform: 'slack', tenantId: slackTeam, userId: `U0B${number}` };
        slack.push(identity.userId);
      } else {
        identity = { platform: 'slack', tenantId: slackTeam, userId: `U0P${number}` };
        const channel = `D0P${number}`;
        const key = `slack:${slackTeam}:${channel}`;
        data.destinations[key] = {
          key,
          platform: 'slack',
          tenantId: slackTeam,
          conversationId: channel,
          kind: 'personal',
          reference: { channel, team: slackTeam },
          installedBy: `slack:${slackTeam}:${identity.userId}`,
          installedAt: at,
          municipality: null,
          inactiveSince: null,
        };
        slack.push(channel);
      }
      data.contacts[`c-bench-${number}`] = {
        id: `c-bench-${number}`,
        municipality: 'goteborg',
        provider: { name: `Omsorg Bänk ${pad(Math.floor(index / 50), 3)} AB`, orgNumber: '5560360793' },
        name: `Kontakt ${number}`,
        email,
        phone,
        language: 'sv',
        identities: [identity],
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      emails.push(email);
      phones.push(phone);
    }
  });
  await store.flush();
  await store.close();
  return { teams, slack, emails, phones };
}
