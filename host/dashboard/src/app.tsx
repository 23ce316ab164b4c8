import { useEffect, useState } from 'preact/hooks';
import { HandlersView } from './handlers-view.js';
import { HistoryView } from './history-view.js';
import { NowView } from './now-view.js';
import { PromptDialog } from './prompt-dialog.js';
import { ResultsView } from './results-view.js';
import { SchedulesView } from './schedules-view.js';
import type { DashboardState } from './state.js';
import type { Store } from './store.js';
import { TabList, TabPanel, type TabSpec } from './tabs.js';

// The page: the connection's status, the daemon's refusals, the five tabs, and the prompt a handler
// asks (over whichever tab is showing).

const TABS: readonly TabSpec[] = [
  { id: 'now', label: 'Now' },
  { id: 'results', label: 'Results' },
  { id: 'history', label: 'History' },
  { id: 'handlers', label: 'Handlers' },
  { id: 'schedules', label: 'Schedules' },
];

export interface Alerts {
  messages: readonly string[];
  dismiss: (index: number) => void;
}

export function App({ store, alerts }: { store: Store; alerts: Alerts }) {
  const [state, setState] = useState<DashboardState>(store.current);
  const [tab, setTab] = useState('now');
  useEffect(() => store.subscribe(setState), [store]);
  const prompt = state.prompts[0];

  return (
    <div class="page">
      <header class="topbar">
        <h1>Synchronization Manager</h1>
        <div role="status" id="connection" class={`connection connection-${state.connection === 'Connected' ? 'up' : 'down'}`}>
          {state.connection}
        </div>
      </header>
      <div role="alert" class="alerts">
        {alerts.messages.map((message, index) => (
          <div class="alert" key={index}>
            <span>{message}</span>
            <button type="button" class="small" onClick={() => alerts.dismiss(index)}>
              Dismiss
            </button>
          </div>
        ))}
        {state.warnings.map((text, index) => (
          <div class="alert alert-warning" key={`w${index}`}>
            {text}
          </div>
        ))}
      </div>
      <TabList tabs={TABS} selected={tab} onSelect={setTab} label="Views" />
      <main>
        <TabPanel id="now" selected={tab}>
          <NowView state={state} />
        </TabPanel>
        <TabPanel id="results" selected={tab}>
          <ResultsView state={state} store={store} />
        </TabPanel>
        <TabPanel id="history" selected={tab}>
          <HistoryView state={state} />
        </TabPanel>
        <TabPanel id="handlers" selected={tab}>
          <HandlersView state={state} />
        </TabPanel>
        <TabPanel id="schedules" selected={tab}>
          <SchedulesView state={state} />
        </TabPanel>
      </main>
      {prompt ? <PromptDialog key={prompt.promptId} open={prompt} store={store} /> : null}
    </div>
  );
}
