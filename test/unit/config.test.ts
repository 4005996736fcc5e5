import { describe, expect, it } from 'vitest';
import { errorTexts } from '../../src/cli/error-texts.js';
import { BUNDLED_KNOWLEDGE_DIR, ConfigError, commandLineLanguage, loadConfig } from '../../src/config/index.js';

function issuesOf(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    // Each problem as the command line says it in Swedish.
    return (error as ConfigError).issues.map((issue) => ({ variable: issue.variable, message: errorTexts.sv.config(issue.problem) }));
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has defaults that run locally with no credentials, on loopback', () => {
    const config = loadConfig({}, '/srv/itkontakt');
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', dataDir: '/srv/itkontakt/data', knowledgeDir: BUNDLED_KNOWLEDGE_DIR, logLevel: 'info', localOnly: true, teams: undefined });
  });

  it('names every bad variable and says what to write', () => {
    const issues = issuesOf({ PORT: 'abc', LOG_LEVEL: 'loud', MicrosoftAppId: 'not-a-guid', SLACK_BOT_TOKEN: 'xoxp-123', SMTP_URL: 'http://mail' });
    const byVariable = Object.fromEntries(issues.map((issue) => [issue.variable, issue.message]));
    expect(byVariable.PORT).toMatch(/heltal/u);
    expect(byVariable.LOG_LEVEL).toMatch(/info/u);
    expect(byVariable.MicrosoftAppId).toMatch(/GUID/u);
    expect(byVariable.SLACK_BOT_TOKEN).toMatch(/xoxb-/u);
    expect(byVariable.SMTP_URL).toMatch(/smtp:\/\//u);
  });

  it('rejects a port out of range', () => {
    expect(issuesOf({ PORT: '70000' })[0]).toMatchObject({ variable: 'PORT' });
  });

  it('refuses to listen beyond loopback without platform credentials', () => {
    expect(issuesOf({ HOST: '0.0.0.0' })[0]).toMatchObject({ variable: 'HOST' });
  });

  it('needs the Teams secret and, for single-tenant bots, the tenant', () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    expect(issuesOf({ MicrosoftAppId: appId }).map((issue) => issue.variable)).toEqual(['MicrosoftAppPassword']);
    expect(issuesOf({ MicrosoftAppId: appId, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' }).map((issue) => issue.variable)).toEqual(['MicrosoftAppTenantId']);
    const config = loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 's' });
    expect(config).toMatchObject({ host: '0.0.0.0', localOnly: false, teams: { appId, appType: 'MultiTenant' } });
  });

  it('needs both Slack secrets together', () => {
    expect(issuesOf({ SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef' }).map((issue) => issue.variable)).toEqual(['SLACK_BOT_TOKEN']);
    expect(issuesOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).map((issue) => issue.variable)).toEqual(['SLACK_SIGNING_SECRET']);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.appToken).toBe('xapp-1');
  });

  it('takes the public address for the feed links in notice emails, and only a web address', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://itkontakt.kommun.se' }).publicUrl).toBe('https://itkontakt.kommun.se');
    expect(issuesOf({ PUBLIC_URL: 'itkontakt.kommun.se' })).toEqual([{ variable: 'PUBLIC_URL', message: expect.stringMatching(/publika adress/u) }]);
    expect(issuesOf({ PUBLIC_URL: 'ftp://itkontakt.kommun.se' })).toEqual([{ variable: 'PUBLIC_URL', message: expect.stringMatching(/med https:\/\//u) }]);
  });

  it('takes the staff language, sv or en in any case, Swedish when unset, and names a bad one', () => {
    expect(loadConfig({}).staffLanguage).toBe('sv');
    expect(loadConfig({ STAFF_LANGUAGE: ' EN ' }).staffLanguage).toBe('en');
    expect(issuesOf({ STAFF_LANGUAGE: 'english' })).toEqual([{ variable: 'STAFF_LANGUAGE', message: 'ska vara sv (svenska) eller en (engelska)' }]);
  });

  it('gives the command line English when ITKONTAKT_LANGUAGE or the locale says so, and Swedish otherwise', () => {
    expect(commandLineLanguage({})).toBe('sv');
    expect(commandLineLanguage({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(commandLineLanguage({ LANG: 'C.UTF-8' })).toBe('sv');
    // POSIX ranks LC_ALL over LC_MESSAGES over LANG; an empty one counts as unset.
    expect(commandLineLanguage({ LC_ALL: 'sv_SE.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8' })).toBe('sv');
    expect(commandLineLanguage({ LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(commandLineLanguage({ ITKONTAKT_LANGUAGE: 'EN', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(commandLineLanguage({ ITKONTAKT_LANGUAGE: 'sv', LC_ALL: 'en_GB.UTF-8' })).toBe('sv');
    expect(commandLineLanguage({ ITKONTAKT_LANGUAGE: ' ', LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(() => commandLineLanguage({ ITKONTAKT_LANGUAGE: 'fr' })).toThrow(expect.objectContaining({ issues: [{ variable: 'ITKONTAKT_LANGUAGE', problem: { kind: 'language' } }] }));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', HOST: ' ' }).port).toBe(3978);
  });
});
