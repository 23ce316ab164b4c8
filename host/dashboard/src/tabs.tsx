import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

// A tablist with a roving tabindex: Tab reaches the selected tab only; the arrow keys, Home and End
// move between tabs and select them (WAI-ARIA tabs with automatic activation).

export interface TabSpec {
  id: string;
  label: string;
}

interface TabsProps {
  tabs: readonly TabSpec[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
}

export function TabList({ tabs, selected, onSelect, label }: TabsProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (index: number) => {
    const target = tabs[(index + tabs.length) % tabs.length];
    if (!target) return;
    onSelect(target.id);
    refs.current[(index + tabs.length) % tabs.length]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step: Record<string, number | undefined> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const next = step[event.key];
    if (next === undefined) return;
    event.preventDefault();
    move(next);
  };
  return (
    <div role="tablist" aria-label={label} class="tabs">
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(element) => void (refs.current[index] = element)}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, selected, children }: { id: string; selected: string; children: ComponentChildren }) {
  return (
    <section role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={id !== selected} tabIndex={0} class="panel">
      {id === selected ? children : null}
    </section>
  );
}
