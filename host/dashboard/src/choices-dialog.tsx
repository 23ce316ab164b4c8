import { ChooseItems, type ChoiceEventName, type ChoicesResult, type Guid } from '@syncmgr/protocol';
import { useEffect, useId, useState } from 'preact/hooks';
import { useApi } from './api.js';
import { Modal } from './dialog.js';

// The Choice dialog: per event, one handler's items with whether that event synchronizes each.
// Save stores only what changed; the answer is the choices as stored.

const EVENTS: readonly ChoiceEventName[] = ['manual', 'connect', 'pendingdisconnect', 'idle', 'scheduled', 'invoke'];

export function ChoicesDialog({ clsid, name, onClose }: { clsid: Guid; name: string; onClose: () => void }) {
  const api = useApi();
  const [event, setEvent] = useState<ChoiceEventName>('manual');
  const [loaded, setLoaded] = useState<ChoicesResult | undefined>(undefined);
  const [checked, setChecked] = useState<Record<Guid, boolean>>({});
  const [note, setNote] = useState('Loading…');
  // The form's data-state, for the tests: loading, ready, saving, saved, failed (the handler could not list its items) or refused (by the daemon).
  const [phase, setPhase] = useState<'loading' | 'ready' | 'saving' | 'saved' | 'failed' | 'refused'>('loading');
  const eventId = useId();

  const take = (result: ChoicesResult | undefined, done: 'ready' | 'saved') => {
    if (!result) {
      setPhase('refused');
      return setNote('');
    }
    setPhase(result.result === 'failed' ? 'failed' : done);
    setLoaded(result);
    setChecked(Object.fromEntries(result.items.map((item) => [item.itemId, item.checked])));
    setNote(result.result === 'failed' ? `The handler could not list its items: ${result.reason ?? 'no reason given'}` : '');
  };

  useEffect(() => {
    let current = true;
    setNote('Loading…');
    setPhase('loading');
    void api.call(ChooseItems, { event, clsid }).then((result) => current && take(result, 'ready'));
    return () => void (current = false);
  }, [event, clsid]);

  const save = async () => {
    if (!loaded) return;
    const changes: Record<Guid, boolean> = {};
    for (const item of loaded.items) if (checked[item.itemId] !== item.checked) changes[item.itemId] = checked[item.itemId] ?? false;
    if (Object.keys(changes).length === 0) return setNote('Nothing changed.');
    setNote('Saving…');
    setPhase('saving');
    const result = await api.call(ChooseItems, { event, clsid, changes });
    take(result, 'saved');
    if (result) setNote('Saved.');
  };

  const shownPhase = (phase === 'ready' || phase === 'saved') && loaded?.event !== event ? 'loading' : phase;
  // Save only what was read for the selected event: not while loading or saving, nor when the handler could not list its items.
  const canSave = shownPhase === 'ready' || shownPhase === 'saved';

  return (
    <Modal title={`Choices for ${name}`} onCancel={onClose}>
      <form
        class="form"
        data-event={event}
        data-state={shownPhase}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div class="field">
          <label for={eventId}>Event</label>
          <select id={eventId} value={event} onChange={(e) => setEvent(e.currentTarget.value as ChoiceEventName)}>
            {EVENTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="choices">
          <legend>Items {event} synchronizes</legend>
          {loaded && loaded.event === event
            ? loaded.items.map((item) => (
                <div class="field field-check" key={item.itemId}>
                  <input
                    id={`${eventId}-${item.itemId}`}
                    type="checkbox"
                    checked={checked[item.itemId] ?? false}
                    onChange={(e) => {
                      const value = e.currentTarget.checked;
                      setChecked((previous) => ({ ...previous, [item.itemId]: value }));
                    }}
                  />
                  <label for={`${eventId}-${item.itemId}`}>{item.itemName}</label>
                </div>
              ))
            : null}
          {loaded && loaded.event === event && loaded.result !== 'failed' && loaded.items.length === 0 ? <p class="muted">No items.</p> : null}
        </fieldset>
        <p class="muted" aria-live="polite">
          {note}
        </p>
        <div class="buttons">
          <button type="submit" class="primary" disabled={!canSave}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Modal>
  );
}
