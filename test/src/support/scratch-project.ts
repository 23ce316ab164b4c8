// A project outside the repository that uses the packed packages as a user would: a handler on
// the SDK, an application on the host library, both TypeScript compiled against the installed types.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SCRATCH_CLSID = '0c4a2e5b-1d3f-4a6b-8c7d-9e0f1a2b3c4d';
export const SCRATCH_ITEMS = ['alpha', 'beta'];

const HANDLER = `import { runHandler, stableItemId } from '@syncmgr/handler-sdk';

const NAMESPACE = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

await runHandler({
  handlerInfo: { handlerName: 'Scratch' },
  enumItems: () => ${JSON.stringify(SCRATCH_ITEMS)}.map((name) => ({ itemId: stableItemId(NAMESPACE, name), itemName: name })),
  synchronizeItem: async (item, ctx) => {
    await ctx.progress({ value: 1, max: 1 });
    return { text: 'copied ' + item.itemName };
  },
});
`;

const APPLICATION = `import { SyncManager, type ItemStatus } from '@syncmgr/host';

const [home, handlerPath] = process.argv.slice(2) as [string, string];
const manager = new SyncManager({ home });
await manager.registry.register({ clsid: '${SCRATCH_CLSID}', name: 'Scratch', command: [process.execPath, handlerPath], events: [] });
const session = await manager.createSession({ handlers: ['${SCRATCH_CLSID}'] });
const statuses: ItemStatus[] = [];
session.on('itemProgress', (_handler, item) => statuses.push(item.status));
const report = await session.run();
console.log(JSON.stringify({ report, statuses }));
`;

/** package.json, tsconfig.json and the two sources; the TypeScript compiles to app.js and handler.js. */
export async function writeScratchProject(dir: string, nodeTypesRoot: string): Promise<void> {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      // The installed packages' declarations are checked too: what a user's compiler sees.
      skipLibCheck: false,
      typeRoots: [nodeTypesRoot],
      types: ['node'],
    },
    files: ['app.ts', 'handler.ts'],
  };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  await writeFile(path.join(dir, 'handler.ts'), HANDLER);
  await writeFile(path.join(dir, 'app.ts'), APPLICATION);
}
