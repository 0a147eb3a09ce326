import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { Translator } from '../lib/i18n';

interface SignatureCanvasProps {
  t: Translator;
  /** The parent reads the drawing from here (`toDataURL`) when it signs. */
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Whether anything is drawn now (after a stroke, or false after Clear). */
  onInk: (hasInk: boolean) => void;
  disabled?: boolean;
}

const INK = '#15213b';

/**
 * A box to draw a signature in with a finger, a pen or a mouse (pointer events, one stroke per
 * pointer; `touch-action: none` keeps the page from scrolling under a finger). The canvas has
 * the box's size in device pixels, so the PNG is sharp on a phone; it stays transparent
 * except for the ink, which keeps the PNG small.
 */
export function SignatureCanvas({ t, canvasRef, onInk, disabled = false }: SignatureCanvasProps) {
  const last = useRef<{ id: number; x: number; y: number } | null>(null);

  // Size the drawing surface once, to the box as laid out.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const rect = canvas.getBoundingClientRect();
    const scale = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.max(80, Math.min(2000, Math.round(rect.width * scale)));
    canvas.height = Math.max(40, Math.min(1000, Math.round(rect.height * scale)));
  }, [canvasRef]);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * canvas.width) / rect.width, y: ((event.clientY - rect.top) * canvas.height) / rect.height };
  };

  const stroke = (canvas: HTMLCanvasElement, from: { x: number; y: number }, to: { x: number; y: number }) => {
    const context = canvas.getContext('2d');
    if (!context) return;
    context.strokeStyle = INK;
    context.lineWidth = Math.max(2, canvas.width / 180);
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (disabled || last.current) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = point(event);
    last.current = { id: event.pointerId, ...at };
    // A tap leaves a dot.
    stroke(event.currentTarget, at, { x: at.x + 0.1, y: at.y + 0.1 });
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const from = last.current;
    if (!from || from.id !== event.pointerId) return;
    const at = point(event);
    stroke(event.currentTarget, from, at);
    last.current = { id: event.pointerId, ...at };
  };

  const onPointerEnd = (event: PointerEvent<HTMLCanvasElement>) => {
    if (last.current?.id !== event.pointerId) return;
    last.current = null;
    onInk(true);
  };

  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    last.current = null;
    onInk(false);
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        role="img"
        aria-label={t('agreement.sign.canvas')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        data-testid="signature-canvas"
      />
      <button type="button" className="button button-ghost button-small signature-clear" onClick={clear} disabled={disabled} data-testid="signature-clear">
        {t('agreement.sign.clear')}
      </button>
    </div>
  );
}
