import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface NavMenuProps {
  label: string;
  /** One of its links is the page shown: the button is marked like a current link. */
  current: boolean;
  testId: string;
  /** The links; `close` is called by a link that navigates. */
  children: (close: () => void) => ReactNode;
}

/**
 * A group of navigation links behind one button (the WAI-ARIA disclosure pattern for
 * navigation): Enter or Space opens it, the links follow in the tab order, Escape closes it and
 * returns to the button, and a click or focus anywhere else closes it.
 */
export function NavMenu({ label, current, testId, children }: NavMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div className="nav-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="nav-menu-button"
        aria-expanded={open}
        aria-controls={listId}
        data-current={current || undefined}
        data-testid={testId}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span className="nav-menu-caret" aria-hidden="true" />
      </button>
      <div id={listId} className="nav-menu-list" hidden={!open}>
        {children(() => setOpen(false))}
      </div>
    </div>
  );
}
