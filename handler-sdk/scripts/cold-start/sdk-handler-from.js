// (a) again, on the SDK bundle at $SDK_BUNDLE (another build, to compare in the same run).
const { runHandler } = await import(process.env['SDK_BUNDLE']);

runHandler({ handlerInfo: { handlerName: 'cold start' }, enumItems: () => [], synchronizeItem: () => {} });
