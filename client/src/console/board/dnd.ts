import type { DragEvent } from 'react';

/** Our own drag type, so text or files dragged in from elsewhere are ignored. */
const IDEA_DRAG_TYPE = 'application/x-ideasphere-idea';

export function startIdeaDrag(event: DragEvent, ideaId: string): void {
  event.dataTransfer.setData(IDEA_DRAG_TYPE, ideaId);
  event.dataTransfer.setData('text/plain', ideaId);
  event.dataTransfer.effectAllowed = 'move';
}

/** Whether an idea card is being dragged over (its id is only readable on drop). */
export function isIdeaDrag(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(IDEA_DRAG_TYPE);
}

export function droppedIdeaId(event: DragEvent): string | null {
  const id = event.dataTransfer.getData(IDEA_DRAG_TYPE);
  return id === '' ? null : id;
}

/**
 * Props that make an element a drop target for idea cards, marking it with
 * `data-drop-over` while a card hovers (set on the element itself: no re-render per pixel).
 */
export function ideaDropTarget(onDrop: (ideaId: string) => void) {
  const mark = (event: DragEvent, over: boolean) => {
    if (over) event.currentTarget.setAttribute('data-drop-over', 'true');
    else event.currentTarget.removeAttribute('data-drop-over');
  };
  return {
    onDragOver: (event: DragEvent) => {
      if (!isIdeaDrag(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = 'move';
      mark(event, true);
    },
    onDragLeave: (event: DragEvent) => {
      // Leaving into a child still counts as over.
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      mark(event, false);
    },
    onDrop: (event: DragEvent) => {
      const id = droppedIdeaId(event);
      mark(event, false);
      if (id === null) return;
      event.preventDefault();
      event.stopPropagation();
      onDrop(id);
    },
  };
}
