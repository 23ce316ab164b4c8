import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

// A modal dialog on the native <dialog>: showModal() makes the rest of the page inert; Tab wraps
// within it, Escape calls onCancel, and focus returns where it was when the dialog closes.

interface ModalProps {
  title: string;
  onCancel: () => void;
  children: ComponentChildren;
  describedBy?: string;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function Modal({ title, onCancel, children, describedBy }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const focusable = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      class="modal"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Escape: the dialog's owner decides (a prompt answers that the user declined).
        event.preventDefault();
        cancel.current();
      }}
    >
      <h2 id={titleId} class="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
