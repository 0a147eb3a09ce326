import QRCode from 'qrcode';

/**
 * QR options: error-correction level H survives 30 % damage, so the code still scans when a
 * projector washes it out or a head blocks part of it at the back of a hall.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'H', margin: 4 } as const;
const QR_PNG_WIDTH_PX = 1024;
/**
 * Rendered QR images kept (PNG and SVG count apart). A 1024 px PNG costs ~90 ms of CPU to
 * render and ~20 KB to keep: every screen, console and reload of a session gets the same bytes.
 */
export const QR_IMAGES_CACHED = 256;

/**
 * QR codes of join URLs, rendered once per URL and kept in a small least-recently-used cache.
 * Requests for the same image while it renders share the one rendering.
 */
export class QrImages {
  private readonly cache = new Map<string, Promise<Buffer | string>>();

  constructor(private readonly capacity = QR_IMAGES_CACHED) {}

  png(target: string): Promise<Buffer> {
    return this.kept(`png ${target}`, () => QRCode.toBuffer(target, { ...QR_OPTIONS, width: QR_PNG_WIDTH_PX, type: 'png' })) as Promise<Buffer>;
  }

  svg(target: string): Promise<string> {
    return this.kept(`svg ${target}`, () => QRCode.toString(target, { ...QR_OPTIONS, type: 'svg' })) as Promise<string>;
  }

  /** How many images are kept now. */
  get size(): number {
    return this.cache.size;
  }

  private kept(key: string, render: () => Promise<Buffer | string>): Promise<Buffer | string> {
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const rendering = render();
    rendering.catch(() => this.cache.delete(key));
    this.cache.set(key, rendering);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return rendering;
  }
}
