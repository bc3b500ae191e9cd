'use client';
/**
 * Page-wide keyboard shortcuts that never fire while the user types: keys pressed in a text field,
 * a select or an editable element are left alone (checkboxes and buttons are not typing). Keys
 * are named as KeyboardEvent.key, with "Mod+" for Ctrl or ⌘.
 */
import { useEffect, useRef } from 'react';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

function nameOf(event: KeyboardEvent): string | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  if (mod) return event.key === 'Enter' ? 'Mod+Enter' : null;
  return event.key;
}

export function useShortcuts(bindings: Record<string, (() => void) | undefined>): void {
  const current = useRef(bindings);
  useEffect(() => {
    current.current = bindings;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTyping(event.target)) return;
      const name = nameOf(event);
      const action = name ? current.current[name] : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
