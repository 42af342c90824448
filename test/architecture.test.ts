import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

type Violations = { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };

async function cruise(cwd: string, config: string): Promise<string[]> {
  const { stdout } = await run(resolve('node_modules/.bin/depcruise'), ['src', '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  return (JSON.parse(stdout) as Violations).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('the arrows of STYLE.md (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('the domain imports no infrastructure, the service no chat platform, and nothing is circular', async () => {
    expect(await cruise(process.cwd(), '.dependency-cruiser.cjs')).toEqual([]);
  });

  // Issue 12: the rules that keep src/messages chat-neutral must refuse the
  // arrows they are for, or the test above proves nothing about them.
  it('refuses messages → an adapter, domain/service → messages, and one chat adapter → another', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arch-'));
    try {
      const files: Record<string, string> = {
        'tsconfig.json': '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true, "module": "nodenext" } }',
        'src/slack/render.ts': "import { doc } from '../messages/doc.ts';\nexport const x = doc;\n",
        'src/slack/uses-dingtalk.ts': "import { y } from '../dingtalk/card.ts';\nexport const z = y;\n",
        'src/dingtalk/card.ts': "import { doc } from '../messages/doc.ts';\nexport const y = doc;\n",
        'src/messages/doc.ts': "export const doc = 1;\n",
        'src/messages/bad.ts': "import { x } from '../slack/render.ts';\nexport const b = x;\n",
        'src/domain/rule.ts': "import { doc } from '../messages/doc.ts';\nexport const r = doc;\n",
        'src/service/use-case.ts': "import { doc } from '../messages/doc.ts';\nexport const u = doc;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const found = await cruise(dir, resolve('.dependency-cruiser.cjs'));
      expect(found.sort()).toEqual([
        'chat-adapters-keep-to-their-room: src/slack/uses-dingtalk.ts → src/dingtalk/card.ts',
        'domain-is-pure: src/domain/rule.ts → src/messages/doc.ts',
        'messages-are-chat-neutral: src/messages/bad.ts → src/slack/render.ts',
        'service-knows-no-chat-platform: src/service/use-case.ts → src/messages/doc.ts',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
