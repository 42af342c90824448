import { describe, expect, it } from 'vitest';
import { loadSharedConfig, runMode, runModes } from '../../src/config/run-mode.ts';

// Issue 12: npm start serves Slack, DingTalk or both by which credentials are set; the sandbox only with none.
describe('runModes', () => {
  it('is a set: slack for any Slack credential, dingtalk for any DingTalk credential, empty (the sandbox) for none', () => {
    expect([...runModes({})]).toEqual([]);
    expect([...runModes({ SLACK_BOT_TOKEN: ' ', DINGTALK_CLIENT_ID: '' })]).toEqual([]);
    expect([...runModes({ SLACK_APP_TOKEN: 'xapp-1' })]).toEqual(['slack']);
    expect([...runModes({ DINGTALK_ROBOT_CODE: 'x' })]).toEqual(['dingtalk']);
    expect([...runModes({ DINGTALK_CLIENT_SECRET: 'x', SLACK_SIGNING_SECRET: 'y' })]).toEqual(['slack', 'dingtalk']);
    expect(runMode({})).toBe('sandbox');
    expect(runMode({ DINGTALK_CLIENT_ID: 'x' })).toBe('dingtalk');
  });
  it('reads the shared PORT and database settings, naming a bad one', () => {
    expect(loadSharedConfig({})).toEqual({ databaseUrl: undefined, dataDir: './.data', port: 3000 });
    expect(() => loadSharedConfig({ PORT: 'x' })).toThrow(/^PORT must be a number: /);
  });
});
