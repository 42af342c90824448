import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/slack/action-ids.ts';
import { actions, button, message, section } from '../../../src/slack/render/blocks.ts';
import { LIMITS } from '../../../src/slack/render/limits.ts';

describe('a message with more blocks than Slack allows', () => {
  it('is cut to 50 blocks, keeping the buttons at the end and saying it was shortened', () => {
    const blocks = [...Array.from({ length: 70 }, (_, i) => section(`part ${i}`)), actions([button('Accept', ACTIONS.replyAccept, 'V-1')])];
    const m = message('text', blocks, 'shortened');
    expect(m.blocks).toHaveLength(LIMITS.messageBlocks);
    expect(m.blocks.at(-1)).toEqual(blocks.at(-1));
    expect(m.blocks.at(-2)).toMatchObject({ type: 'context', elements: [{ text: 'shortened' }] });
  });

  it('without buttons keeps the first 49 and the note', () => {
    const m = message('text', Array.from({ length: 51 }, (_, i) => section(`part ${i}`)), 'shortened');
    expect(m.blocks).toHaveLength(LIMITS.messageBlocks);
    expect(m.blocks.at(-1)).toMatchObject({ type: 'context' });
  });
});

describe('buttons', () => {
  it('a label longer than 75 characters is clipped', () => {
    expect(button('x'.repeat(200), ACTIONS.replyAccept, 'V-1').text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
  });
});
