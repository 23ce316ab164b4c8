// The host's side of the benchmarks: a handler on the SDK. ITEMS=n items, each synchronized with
// nothing to do (the SDK reports UPDATING then SUCCEEDED); UPDATES=k extra progress calls per item.
import { runHandler } from '@syncmgr/handler-sdk';

const count = Number(process.env['ITEMS'] ?? 0);
const updates = Number(process.env['UPDATES'] ?? 0);
const itemState = process.env['CHECKED'] === '0' ? 0 : 1;
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function* items() {
  for (let i = 0; i < count; i++) yield { itemId: idOf(i), itemName: `item ${i}`, itemState };
}

runHandler({
  handlerInfo: { handlerName: 'bench (SDK)' },
  enumItems: () => items(),
  async synchronizeItem(_item, ctx) {
    for (let k = 0; k < updates; k++) await ctx.progress({ value: k + 1, max: updates });
  },
});
