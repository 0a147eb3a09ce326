import { CELL_PX } from './faceAtlas';

/** Photos fetched at once: enough to keep up with arrivals, few enough to leave the socket room. */
const CONCURRENCY = 4;

/**
 * Fetches face photos (versioned URLs, cached by the browser for good) and shrinks each to one
 * atlas cell right away, so waiting photos cost 16 KB each, not a decoded selfie.
 */
export class PhotoLoader {
  private readonly waiting: { url: string; done: (cell: HTMLCanvasElement | null) => void }[] = [];
  private running = 0;
  private disposed = false;

  /** Loads a photo; `done` gets a cell-sized canvas, or null if it failed (e.g. 404 while hidden). */
  load(url: string, done: (cell: HTMLCanvasElement | null) => void): void {
    this.waiting.push({ url, done });
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.waiting.length > 0) {
      const job = this.waiting.shift();
      if (!job) return;
      this.running++;
      void shrink(job.url)
        .catch(() => null)
        .then((cell) => {
          this.running--;
          if (this.disposed) return;
          job.done(cell);
          this.pump();
        });
    }
  }
}

async function shrink(url: string): Promise<HTMLCanvasElement | null> {
  const res = await fetch(url);
  if (!res.ok) return null;
  const bitmap = await createImageBitmap(await res.blob());
  try {
    const canvas = document.createElement('canvas');
    canvas.width = CELL_PX;
    canvas.height = CELL_PX;
    const g = canvas.getContext('2d');
    if (!g) return null;
    const side = Math.min(bitmap.width, bitmap.height);
    g.imageSmoothingEnabled = true;
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, CELL_PX, CELL_PX);
    return canvas;
  } finally {
    bitmap.close();
  }
}
