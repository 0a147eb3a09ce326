import { NAME_SECONDS } from './arrivalNames';

/** Pixels between a name and its face, between two names, and between a name and the stage's edge. */
const GAP = 10;
const EPSILON = 1e-6;

/** A face as drawn this frame: its centre and half its side, in stage pixels. */
export interface FaceOnScreen {
  x: number;
  y: number;
  half: number;
}

/** A label's box: `x` is its centre, `y` its top, in stage pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Label {
  element: HTMLElement;
  width: number;
  height: number;
  /** Above its face (a face in the lower half of the stage), else below it. */
  above: boolean;
}

/**
 * Moves boxes apart and into the stage, in the order given: the boxes nearest the top keep
 * their place; a box that would meet one placed before it takes the nearest free spot just
 * below or above one of them. Pure, for the handful of names on screen at once.
 */
export function keepApart(boxes: readonly LabelBox[], width: number, height: number, gap = GAP): LabelBox[] {
  const out: LabelBox[] = [...boxes];
  const placed: LabelBox[] = [];
  const order = boxes.map((_, index) => index).sort((a, b) => (boxes[a]?.y ?? 0) - (boxes[b]?.y ?? 0));
  for (const index of order) {
    const box = boxes[index];
    if (!box) continue;
    const x = Math.max(box.width / 2 + gap, Math.min(width - box.width / 2 - gap, box.x));
    const wanted = Math.max(gap, Math.min(height - box.height - gap, box.y));
    // A hair of slack, so a box placed exactly a gap away is not taken for touching.
    const meets = (other: LabelBox, top: number) =>
      Math.abs(x - other.x) < (box.width + other.width) / 2 + gap - EPSILON &&
      top < other.y + other.height + gap - EPSILON &&
      top + box.height + gap > other.y + EPSILON;
    const free = [wanted, ...placed.flatMap((other) => [other.y + other.height + gap, other.y - box.height - gap])]
      .filter((top) => top >= gap - EPSILON && top + box.height + gap <= height + EPSILON && !placed.some((other) => meets(other, top)))
      .sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted));
    const next = { ...box, x, y: free[0] ?? wanted };
    placed.push(next);
    out[index] = next;
  }
  return out;
}

/**
 * The arrival names on the big screen, in the DOM over the WebGL canvas (crisp text in any
 * script, no atlas). Each follows its face while it pops up and flies onto the ball, and leaves
 * on a timer rather than at the end of its animation, so with reduced motion (no animation) it
 * still stays long enough to be read.
 */
export class NameLabels {
  private readonly labels = new Map<string, Label>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly seconds = NAME_SECONDS,
  ) {}

  get size(): number {
    return this.labels.size;
  }

  has(id: string): boolean {
    return this.labels.has(id);
  }

  show(id: string, name: string, above: boolean): void {
    this.remove(id);
    const element = document.createElement('span');
    element.className = 'ceremony-name';
    element.dataset.testid = 'ceremony-name';
    element.dataset.faceId = id;
    element.textContent = name;
    element.style.animationDuration = `${this.seconds}s`;
    element.style.visibility = 'hidden';
    this.layer.append(element);
    // Measured once: its width does not depend on where it is (width: max-content).
    const label = { element, width: element.offsetWidth, height: element.offsetHeight, above };
    this.labels.set(id, label);
    window.setTimeout(() => {
      if (this.labels.get(id) === label) this.remove(id);
    }, this.seconds * 1000);
  }

  remove(id: string): void {
    this.labels.get(id)?.element.remove();
    this.labels.delete(id);
  }

  /** Puts every name by its face this frame; `where` says null for a face no longer drawn. */
  place(where: (id: string) => FaceOnScreen | null, width: number, height: number): void {
    const ids: string[] = [];
    const wanted: LabelBox[] = [];
    for (const [id, label] of this.labels) {
      const face = where(id);
      if (!face) {
        this.remove(id);
        continue;
      }
      ids.push(id);
      const y = label.above ? face.y - face.half - GAP - label.height : face.y + face.half + GAP;
      wanted.push({ x: face.x, y, width: label.width, height: label.height });
    }
    keepApart(wanted, width, height).forEach((box, index) => {
      const label = this.labels.get(ids[index] ?? '');
      if (!label) return;
      label.element.style.left = `${box.x}px`;
      label.element.style.top = `${box.y}px`;
      label.element.style.visibility = '';
    });
  }

  dispose(): void {
    for (const id of [...this.labels.keys()]) this.remove(id);
  }
}
