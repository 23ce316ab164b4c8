import { AnswerPrompt, type PromptField } from '@syncmgr/protocol';
import { useId, useState } from 'preact/hooks';
import { useApi } from './api.js';
import { Modal } from './dialog.js';
import type { Store } from './store.js';
import type { OpenPrompt } from './state.js';

// A handler's prompt (callback/prompt while it holds the EnableModeless token), as a modal form.
// OK answers the fields; Cancel and Escape answer that the user declined (no answers: S_FALSE).

type Answers = Record<string, string | boolean>;

function initialAnswers(fields: readonly PromptField[]): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    if (field.kind === 'confirm') answers[field.name] = field.default ?? false;
    else if (field.kind === 'text') answers[field.name] = field.default ?? '';
    else answers[field.name] = '';
  }
  return answers;
}

export function PromptDialog({ open, store }: { open: OpenPrompt; store: Store }) {
  const api = useApi();
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(open.prompt.fields));
  const textId = useId();
  const idPrefix = useId();

  const answer = (given: Answers | undefined) => {
    store.dispatch({ kind: 'promptAnswered', promptId: open.promptId });
    void api.call(AnswerPrompt, { sessionId: open.handler.sessionId, promptId: open.promptId, ...(given ? { answers: given } : {}) });
  };
  const set = (name: string, value: string | boolean) => setAnswers((previous) => ({ ...previous, [name]: value }));

  return (
    <Modal title={open.prompt.title} onCancel={() => answer(undefined)} {...(open.prompt.text ? { describedBy: textId } : {})}>
      <form
        method="dialog"
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          answer(answers);
        }}
      >
        <p class="muted">{open.handler.ownName ?? open.handler.name} asks:</p>
        {open.prompt.text ? <p id={textId}>{open.prompt.text}</p> : null}
        {open.prompt.fields.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          if (field.kind === 'confirm') {
            return (
              <div class="field field-check" key={field.name}>
                <input id={id} type="checkbox" checked={answers[field.name] === true} onChange={(e) => set(field.name, e.currentTarget.checked)} />
                <label for={id}>{field.label}</label>
              </div>
            );
          }
          return (
            <div class="field" key={field.name}>
              <label for={id}>{field.label}</label>
              <input
                id={id}
                type={field.kind === 'secret' ? 'password' : 'text'}
                autocomplete={field.kind === 'secret' ? 'off' : undefined}
                value={String(answers[field.name] ?? '')}
                onInput={(e) => set(field.name, e.currentTarget.value)}
              />
            </div>
          );
        })}
        <div class="buttons">
          <button type="submit" class="primary">
            OK
          </button>
          <button type="button" onClick={() => answer(undefined)}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
