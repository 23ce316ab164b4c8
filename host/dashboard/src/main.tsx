import { render } from 'preact';
import { ApiContext, createApi } from './api.js';
import { Announcer } from './announcer.js';
import { App, type Alerts } from './app.js';
import { DaemonLink } from './daemon-link.js';
import { Store } from './store.js';

// The page's start: the CSRF token the daemon put in the page, the live region, the store, the
// connection, and the first render. Alerts (the daemon's refusals) are kept here, outside the store,
// because they are the page's own and never come from events.

const MAX_ALERTS = 5;

const csrf = document.querySelector<HTMLMetaElement>('meta[name="syncmgr-csrf"]')?.content ?? '';
const region = document.createElement('div');
region.setAttribute('aria-live', 'polite');
region.className = 'sr-only';
region.id = 'announcements';
document.body.append(region);

const store = new Store(new Announcer(region));
const root = document.getElementById('app') ?? document.body;

let messages: string[] = [];
const alerts = (): Alerts => ({
  messages,
  dismiss: (index) => {
    messages = messages.filter((_, i) => i !== index);
    draw();
  },
});
const alert = (message: string) => {
  messages = [...messages, message].slice(-MAX_ALERTS);
  draw();
};

const link = new DaemonLink(store, csrf, alert);
const api = createApi(link, alert);

function draw(): void {
  render(
    <ApiContext.Provider value={api}>
      <App store={store} alerts={alerts()} />
    </ApiContext.Provider>,
    root,
  );
}

draw();
link.start();
