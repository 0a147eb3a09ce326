import { CanvasTexture, LinearFilter, Texture, Vector2, type WebGLRenderer } from 'three';
import { graphemeCount } from '@ideasphere/shared/text.js';

/** Atlas pages are 2048 px squares of 64 px cells: 1,024 faces a page. */
export const ATLAS_SIZE = 2048;
export const CELL_PX = 64;
export const CELLS_PER_ROW = ATLAS_SIZE / CELL_PX;
export const CELLS_PER_PAGE = CELLS_PER_ROW * CELLS_PER_ROW;
/** More dirty cells than this in one frame: upload the whole page once instead of cell by cell. */
const FULL_UPLOAD_AFTER = 48;

/** Where a face is drawn: page number and cell index inside the page. */
export interface AtlasCell {
  page: number;
  cell: number;
}

/** What a cell shows: a photo, or initials on a colour. */
export type CellPicture = { kind: 'photo'; image: CanvasImageSource & { width: number; height: number } } | { kind: 'avatar'; initials: string; colour: string };

interface Page {
  canvas: HTMLCanvasElement;
  context: CanvasRenderingContext2D;
  /** The texture the faces sample. */
  texture: CanvasTexture;
  free: number[];
  next: number;
  /** Changed cells, each with a cell-sized copy to upload (not the 16 MB page canvas). */
  dirty: Map<number, HTMLCanvasElement>;
  /** Nothing uploaded yet, or too many cells changed: send the whole page. */
  full: boolean;
}

/**
 * Every face drawn once into shared texture pages, so 5,000 faces cost five textures and one
 * draw call each, not 5,000 images. Cells are uploaded to the GPU one 64 px square at a time
 * (a burst of many changes sends the whole page once).
 */
export class FaceAtlas {
  private readonly pages: Page[] = [];
  private readonly at = new Vector2();
  /** Cell-sized canvases for uploads, reused. */
  private readonly spare: HTMLCanvasElement[] = [];
  private readonly upload1 = new Texture();

  /** Called when a page is created, so the scene can add its mesh. */
  constructor(private readonly onPage: (index: number, texture: Texture) => void) {}

  get pageCount(): number {
    return this.pages.length;
  }

  /** A free cell: the lowest page with room, a new page when all are full. */
  allocate(): AtlasCell {
    for (const [index, page] of this.pages.entries()) {
      const cell = page.free.pop() ?? (page.next < CELLS_PER_PAGE ? page.next++ : -1);
      if (cell !== -1) return { page: index, cell };
    }
    const index = this.pages.length;
    const page = this.createPage();
    this.pages.push(page);
    this.onPage(index, page.texture);
    return { page: index, cell: page.next++ };
  }

  release({ page, cell }: AtlasCell): void {
    const target = this.pages[page];
    if (!target) return;
    target.free.push(cell);
    this.recycle(target, cell);
  }

  /** Draws a face into its cell; it reaches the GPU at the next `upload`. */
  draw({ page, cell }: AtlasCell, picture: CellPicture): void {
    const target = this.pages[page];
    if (!target) return;
    const x = (cell % CELLS_PER_ROW) * CELL_PX;
    const y = Math.floor(cell / CELLS_PER_ROW) * CELL_PX;
    const g = target.context;
    g.save();
    g.beginPath();
    g.rect(x, y, CELL_PX, CELL_PX);
    g.clip();
    if (picture.kind === 'photo') drawCover(g, picture.image, x, y);
    else drawAvatar(g, picture.initials, picture.colour, x, y);
    g.restore();
    if (target.full) return;
    if (target.dirty.size >= FULL_UPLOAD_AFTER) {
      target.full = true;
      for (const dirty of [...target.dirty.keys()]) this.recycle(target, dirty);
      return;
    }
    const copy = target.dirty.get(cell) ?? this.spare.pop() ?? cellCanvas();
    copy.getContext('2d')?.drawImage(target.canvas, x, y, CELL_PX, CELL_PX, 0, 0, CELL_PX, CELL_PX);
    target.dirty.set(cell, copy);
  }

  /** Sends changed cells to the GPU: at most once per page per frame. */
  upload(renderer: WebGLRenderer): void {
    for (const page of this.pages) {
      if (page.full) {
        page.texture.needsUpdate = true;
        page.full = false;
        continue;
      }
      for (const [cell, copy] of page.dirty) {
        this.at.set((cell % CELLS_PER_ROW) * CELL_PX, Math.floor(cell / CELLS_PER_ROW) * CELL_PX);
        // The source is never rendered, so three.js uploads it as a sub-image (texSubImage2D).
        this.upload1.image = copy;
        renderer.copyTextureToTexture(this.upload1, page.texture, null, this.at);
        this.recycle(page, cell);
      }
    }
  }

  /** The GPU lost its copies (WebGL context restored): send every page again. */
  invalidate(): void {
    for (const page of this.pages) page.full = true;
  }

  dispose(): void {
    for (const page of this.pages) {
      page.texture.dispose();
      page.canvas.width = 0;
    }
    this.pages.length = 0;
  }

  private createPage(): Page {
    const canvas = document.createElement('canvas');
    canvas.width = ATLAS_SIZE;
    canvas.height = ATLAS_SIZE;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    const texture = new CanvasTexture(canvas);
    // Rows stay top-down on the GPU (sub-rectangle uploads and FLIP_Y do not mix); the shader
    // flips v instead.
    texture.flipY = false;
    texture.generateMipmaps = false;
    texture.minFilter = LinearFilter;
    texture.magFilter = LinearFilter;
    // Colours pass through untouched: the shader writes the canvas pixels as they are.
    return { canvas, context, texture, free: [], next: 0, dirty: new Map(), full: true };
  }

  private recycle(page: Page, cell: number): void {
    const copy = page.dirty.get(cell);
    if (!copy) return;
    page.dirty.delete(cell);
    if (this.spare.length < 64) this.spare.push(copy);
  }
}

function cellCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = CELL_PX;
  canvas.height = CELL_PX;
  return canvas;
}

/** Draws an image into a cell, cropped to a centred square (a selfie need not be square). */
function drawCover(g: CanvasRenderingContext2D, image: CanvasImageSource & { width: number; height: number }, x: number, y: number): void {
  const side = Math.min(image.width, image.height);
  const sx = (image.width - side) / 2;
  const sy = (image.height - side) / 2;
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(image, sx, sy, side, side, x, y, CELL_PX, CELL_PX);
}

/** Initials on the participant's colour, like `Avatar` on the phone and console. */
function drawAvatar(g: CanvasRenderingContext2D, initials: string, colour: string, x: number, y: number): void {
  g.fillStyle = colour;
  g.fillRect(x, y, CELL_PX, CELL_PX);
  // A soft light from above, so avatars read as discs on the ball rather than flat stickers.
  const light = g.createRadialGradient(x + CELL_PX * 0.35, y + CELL_PX * 0.3, 2, x + CELL_PX / 2, y + CELL_PX / 2, CELL_PX * 0.7);
  light.addColorStop(0, 'rgba(255,255,255,0.28)');
  light.addColorStop(1, 'rgba(255,255,255,0)');
  g.fillStyle = light;
  g.fillRect(x, y, CELL_PX, CELL_PX);
  const wide = graphemeCount(initials) > 1;
  g.fillStyle = '#ffffff';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.font = `600 ${wide ? 24 : 30}px system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif`;
  g.fillText(initials, x + CELL_PX / 2, y + CELL_PX / 2 + 1, CELL_PX - 12);
}
