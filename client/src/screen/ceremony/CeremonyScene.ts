import {
  BufferAttribute,
  BufferGeometry,
  Group,
  Matrix4,
  Mesh,
  PerspectiveCamera,
  Points,
  PointsMaterial,
  Scene,
  ShaderMaterial,
  type Texture,
  Vector3,
  WebGLRenderer,
} from 'three';
import { CEREMONY_FACES_MAX } from '@ideasphere/shared/limits.js';
import { ArrivalNames } from './arrivalNames';
import { ArrivalQueue } from './arrivalQueue';
import { type AtlasCell, CELLS_PER_PAGE, CELLS_PER_ROW, FaceAtlas } from './faceAtlas';
import { FaceQuads } from './faceQuads';
import { type FaceOnScreen, NameLabels } from './nameLabels';
import { PhotoLoader } from './photoLoader';
import { faceSizeFor, fibonacciPoint, sphereRadiusFor } from './sphereLayout';
import { FACE_FRAGMENT_SHADER, FACE_VERTEX_SHADER, FLIGHT_SECONDS, GLIDE_START, flightAt } from './sphereShader';

/** One face as the scene draws it. */
export interface SceneFace {
  id: string;
  name: string;
  initials: string;
  colour: string;
  /** Versioned photo URL, or null for an avatar. */
  photoUrl: string | null;
}

export interface SceneStats {
  /** Faces on the ball or flying to it. */
  faces: number;
  /** Faces waiting for their turn to fly in. */
  queued: number;
}

export interface CeremonySceneOptions {
  /** Faces, arrivals or the queue changed (at most once per frame). */
  onStats?: (stats: SceneStats) => void;
}

/** Where an arriving face pops up, in ball radii in front of the ball's centre. */
const POP_DEPTH = 1.3;
const FOV_DEGREES = 32;
/** Share of the view's height (or width, if narrower) the ball fills. */
const BALL_FILL = 0.8;
/** The ball tips its north pole, where newcomers land, towards the hall. */
const TILT_RADIANS = 0.38;
const SPIN_GATHERING = 0.14;
const SPIN_FINALE = 1.9;
/** Rendered pixels at most: a software renderer (no GPU) draws 4K at a lower resolution. */
const MAX_PIXELS_SOFTWARE = 1_800_000;
const MAX_PIXELS_GPU = 3840 * 2160;
/** From this many faces on, the far side of the ball is covered by the near side. */
const BACK_CULL_AFTER = 150;
/** Faint dots that trace the ball, so three faces already read as "a ball", not three dots. */
const GUIDE_POINTS = 700;
/** Re-sort the faces front to back after the ball turned this far (radians). */
const RESORT_RADIANS = 0.03;
const SYNTHETIC_NAMES = ['Ada Lovelace', '王小明', 'Grace Hopper', '李华', 'Alan Turing', '陈静', 'Katherine Johnson', '张伟', 'Tim Berners-Lee', '刘洋'];
const SYNTHETIC_COLOURS = ['#c2410c', '#4d7c0f', '#0e7490', '#1d4ed8', '#6d28d9', '#be185d'];

interface Placed {
  face: SceneFace;
  cell: AtlasCell;
  /** The face's slot in its page's quads. */
  slot: number;
  /** Where the face belongs on the unit sphere (its drawn `aHome` eases towards it). */
  target: [number, number, number];
  /** The photo URL drawn into its cell, or being fetched for it (the avatar shows meanwhile). */
  photo: string | null;
  synthetic: boolean;
}

interface PageMesh {
  mesh: Mesh;
  material: ShaderMaterial;
  quads: FaceQuads;
  members: Placed[];
}

/**
 * The ceremony's ball of faces, in three.js: one mesh of quads per atlas page (one draw call,
 * drawn near faces first so the depth test skips hidden pixels), flights and shading in the
 * vertex shader, arrivals paced by an `ArrivalQueue`, the layout recomputed at most once per
 * frame for all faces together.
 */
export class CeremonyScene {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV_DEGREES, 1, 0.1, 100);
  private readonly ball = new Group();
  private readonly atlas: FaceAtlas;
  private readonly pages: PageMesh[] = [];
  private readonly photos = new PhotoLoader();
  private readonly queue = new ArrivalQueue<SceneFace>();
  private readonly arrivalNames = new ArrivalNames();
  private readonly nameLabels: NameLabels;
  /** Where each named arrival popped up (ball radii, view space, from the ball's centre). */
  private readonly nameStarts = new Map<string, Vector3>();
  private readonly nameView = new Matrix4();
  private readonly namePoint = new Vector3();
  private readonly nameHome = new Vector3();
  private readonly placed = new Map<string, Placed>();
  /** Faces in arrival order: their index is their place on the Fibonacci sphere. */
  private ordered: Placed[] = [];
  /** Photos that arrived while their face still waited in the queue. */
  private readonly earlyPhotos = new Map<string, { url: string; cell: HTMLCanvasElement }>();
  private readonly names: HTMLElement;
  private readonly guide: Points;
  private readonly uniforms = {
    uTime: { value: 0 },
    uRadius: { value: sphereRadiusFor(0) },
    uFaceSize: { value: faceSizeFor(0) * sphereRadiusFor(0) },
    uStartSize: { value: 0.3 },
    uFlight: { value: FLIGHT_SECONDS },
    uCells: { value: CELLS_PER_ROW },
    uCenterView: { value: new Vector3() },
    uBackCull: { value: -2 },
  };
  private readonly maxPixels: number;
  private readonly startedAt = performance.now();
  private lastFrame = performance.now();
  private frame = 0;
  private layoutDirty = false;
  /** The faces' draw order needs a new front-to-back sort (faces came, went or moved). */
  private orderDirty = false;
  /** The ball's spin angle at the last sort. */
  private sortedAt = 0;
  private readonly modelView = new Matrix4();
  private gliding = false;
  private primed = false;
  private spin = SPIN_GATHERING;
  private finale = false;
  private syntheticCount = 0;
  private width = 1;
  private height = 1;
  private readonly resizeObserver: ResizeObserver;
  private lastStats: SceneStats = { faces: -1, queued: -1 };
  private fpsFrames = 0;
  private fpsSince = performance.now();
  private fpsValue = 0;
  private disposed = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: CeremonySceneOptions = {},
  ) {
    this.renderer = new WebGLRenderer({ antialias: false, alpha: true, powerPreference: 'high-performance' });
    this.renderer.setClearColor(0x000000, 0);
    this.maxPixels = isSoftwareRenderer(this.renderer) ? MAX_PIXELS_SOFTWARE : MAX_PIXELS_GPU;
    const canvas = this.renderer.domElement;
    canvas.className = 'ceremony-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    canvas.addEventListener('webglcontextrestored', () => this.atlas.invalidate());
    host.append(canvas);
    this.names = document.createElement('div');
    this.names.className = 'ceremony-names';
    this.names.setAttribute('aria-hidden', 'true');
    host.append(this.names);
    this.nameLabels = new NameLabels(this.names);

    this.atlas = new FaceAtlas((index, texture) => this.addPage(index, texture));
    this.ball.rotation.x = TILT_RADIANS;
    this.guide = guidePoints();
    this.ball.add(this.guide);
    this.scene.add(this.ball);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.resize();
    this.renderer.setAnimationLoop((now: number) => this.tick(now));
  }

  /** Faces on the ball or in flight (synthetic ones too). */
  faceIds(): string[] {
    return this.ordered.map((p) => p.face.id);
  }

  get queued(): number {
    return this.queue.size;
  }

  /** Frames drawn over the last second. */
  fps(): number {
    return this.fpsValue;
  }

  /** The renderer's pixel ratio (below 1 when a software renderer draws a 4K screen). */
  pixelRatio(): number {
    return this.renderer.getPixelRatio();
  }

  /**
   * The faces that should be on the ball, oldest first. New ones queue for their fly-in; missing
   * ones vanish at once; changed names and photos are redrawn. While the roster is still loading
   * (`complete` false: a screen opened mid-event, or reconnecting) new faces converge all at once
   * instead of queueing, and only `hiddenIds` leave, since a face may just not be loaded yet.
   */
  sync(faces: readonly SceneFace[], complete = true, hiddenIds: readonly string[] = []): void {
    const wanted = faces.length > CEREMONY_FACES_MAX ? faces.slice(-CEREMONY_FACES_MAX) : faces;
    const ids = new Set<string>();
    for (const face of wanted) ids.add(face.id);
    const hidden = new Set(hiddenIds);
    for (const placed of [...this.ordered]) {
      const gone = complete ? !ids.has(placed.face.id) : hidden.has(placed.face.id);
      if (!placed.synthetic && gone) this.remove(placed);
    }
    for (const id of [...this.earlyPhotos.keys()]) if (!ids.has(id)) this.earlyPhotos.delete(id);

    const converge: SceneFace[] = [];
    for (const face of wanted) {
      const placed = this.placed.get(face.id);
      if (placed) {
        if (placed.face !== face) this.update(placed, face);
      } else if (this.queue.replace(face)) {
        this.prefetch(face);
      } else if (!this.primed || !complete) {
        converge.push(face);
      } else {
        this.queue.push(face);
        this.prefetch(face);
      }
    }
    this.dropQueuedExcept(ids);
    if (converge.length > 0) this.converge(converge);
    if (complete) this.primed = true;
    this.reportStats();
  }

  /** Finale: the ball spins up (the text is the page's). */
  setFinale(finale: boolean): void {
    this.finale = finale;
  }

  /** Adds `n` made-up faces straight onto the ball: for the benchmark only. */
  addSyntheticFaces(n: number): void {
    const room = Math.max(0, CEREMONY_FACES_MAX - this.ordered.length);
    const faces: SceneFace[] = [];
    for (let i = 0; i < Math.min(n, room); i++) {
      const k = this.syntheticCount++;
      const name = SYNTHETIC_NAMES[k % SYNTHETIC_NAMES.length] ?? 'Guest';
      faces.push({
        id: `synthetic:${k}`,
        name,
        initials: String.fromCharCode(65 + (k % 26)) + String.fromCharCode(65 + ((k * 7) % 26)),
        colour: SYNTHETIC_COLOURS[k % SYNTHETIC_COLOURS.length] ?? '#1d4ed8',
        photoUrl: null,
      });
    }
    this.converge(faces, true);
    this.reportStats();
  }

  dispose(): void {
    this.disposed = true;
    this.renderer.setAnimationLoop(null);
    this.resizeObserver.disconnect();
    this.photos.dispose();
    for (const page of this.pages) {
      page.material.dispose();
      page.quads.dispose();
    }
    this.guide.geometry.dispose();
    (this.guide.material as PointsMaterial).dispose();
    this.atlas.dispose();
    // Release the context now, not at garbage collection: each switch between ceremony and board
    // makes a new renderer, and Chrome refuses new contexts once too many are alive.
    this.renderer.forceContextLoss();
    this.renderer.dispose();
    this.renderer.domElement.remove();
    this.nameLabels.dispose();
    this.names.remove();
  }

  // ── Faces ────────────────────────────────────────────────────────────────────────────────

  private place(face: SceneFace, synthetic: boolean, arriveAt: number, start: Vector3): Placed {
    const cell = this.atlas.allocate();
    const page = this.pages[cell.page];
    if (!page) throw new Error(`atlas page ${cell.page} has no mesh`);
    const placed: Placed = { face, cell, slot: page.members.length, target: [0, 0, 0], photo: face.photoUrl, synthetic };
    page.members.push(placed);
    page.quads.setCount(page.members.length);
    this.orderDirty = true;
    this.placed.set(face.id, placed);
    this.ordered.push(placed);
    this.layoutDirty = true;

    const early = this.earlyPhotos.get(face.id);
    this.earlyPhotos.delete(face.id);
    if (early && early.url === face.photoUrl) {
      this.atlas.draw(cell, { kind: 'photo', image: early.cell });
    } else {
      this.drawAvatar(placed);
      this.fetchPhoto(placed);
    }
    page.quads.setFly(placed.slot, start.x, start.y, start.z, arriveAt);
    page.quads.setCell(placed.slot, cell.cell);
    return placed;
  }

  private update(placed: Placed, face: SceneFace): void {
    const before = placed.face;
    placed.face = face;
    if (face.photoUrl !== placed.photo) {
      placed.photo = face.photoUrl;
      this.drawAvatar(placed);
      this.fetchPhoto(placed);
    } else if (face.photoUrl === null && (face.initials !== before.initials || face.colour !== before.colour)) {
      this.drawAvatar(placed);
    }
  }

  /** Takes a face off the ball at once (hidden by the facilitator, or removed). */
  private remove(placed: Placed): void {
    const page = this.pages[placed.cell.page];
    if (!page) return;
    const last = page.members.pop();
    if (last && last !== placed) {
      page.members[placed.slot] = last;
      const from = last.slot;
      last.slot = placed.slot;
      page.quads.copy(from, placed.slot);
    }
    page.quads.setCount(page.members.length);
    this.orderDirty = true;
    this.atlas.release(placed.cell);
    this.placed.delete(placed.face.id);
    // Its name goes with it: a face hidden while it flies in must not leave its name projected.
    this.nameLabels.remove(placed.face.id);
    this.nameStarts.delete(placed.face.id);
    this.arrivalNames.release(placed.face.id);
    const at = this.ordered.indexOf(placed);
    if (at !== -1) this.ordered.splice(at, 1);
    this.layoutDirty = true;
  }

  private dropQueuedExcept(ids: ReadonlySet<string>): void {
    if (this.queue.size === 0) return;
    for (const id of this.queue.ids()) if (!ids.has(id)) this.queue.remove(id);
  }

  /** Faces that fly in together from all around (first load, synthetic faces). */
  private converge(faces: readonly SceneFace[], synthetic = false): void {
    const now = this.now();
    const spread = Math.min(1.5, 0.2 + faces.length / 400);
    const start = new Vector3();
    for (const face of faces) {
      randomShell(start);
      this.place(face, synthetic, now + Math.random() * spread, start);
    }
  }

  private drawAvatar(placed: Placed): void {
    this.atlas.draw(placed.cell, { kind: 'avatar', initials: placed.face.initials, colour: placed.face.colour });
  }

  private fetchPhoto(placed: Placed): void {
    const url = placed.face.photoUrl;
    if (url === null) return;
    this.photos.load(url, (cell) => {
      const current = this.placed.get(placed.face.id);
      if (cell && current === placed && placed.photo === url) this.atlas.draw(placed.cell, { kind: 'photo', image: cell });
    });
  }

  /** Starts loading a queued face's photo so it is ready when its turn comes. */
  private prefetch(face: SceneFace): void {
    const url = face.photoUrl;
    if (url === null || this.earlyPhotos.get(face.id)?.url === url) return;
    this.photos.load(url, (cell) => {
      if (cell && this.queue.has(face.id)) this.earlyPhotos.set(face.id, { url, cell });
      else if (cell) {
        const placed = this.placed.get(face.id);
        if (placed?.photo === url) this.atlas.draw(placed.cell, { kind: 'photo', image: cell });
      }
    });
  }

  // ── Frame ────────────────────────────────────────────────────────────────────────────────

  private tick(nowMs: number): void {
    if (this.disposed) return;
    const dt = Math.min(0.1, Math.max(0, (nowMs - this.lastFrame) / 1000));
    this.lastFrame = nowMs;
    this.frame++;
    this.countFps(nowMs);

    const arrivals = this.queue.take(dt);
    for (const face of arrivals) this.arrive(face);
    if (this.layoutDirty) this.layout();
    if (this.gliding) this.glide(dt);

    const count = this.ordered.length;
    const ease = 1 - Math.exp(-dt * 3);
    const radius = this.uniforms.uRadius.value + (sphereRadiusFor(count) * (this.finale ? 1.08 : 1) - this.uniforms.uRadius.value) * ease;
    this.uniforms.uRadius.value = radius;
    this.guide.scale.setScalar(radius * 0.97);
    this.uniforms.uFaceSize.value += (faceSizeFor(count) * radius - this.uniforms.uFaceSize.value) * ease;
    this.uniforms.uStartSize.value = Math.max(0.32, this.uniforms.uFaceSize.value * 2.2);
    this.uniforms.uTime.value = this.now();
    // A few faces: the far side shows through the gaps. A crowd: it is covered, so skip it.
    this.uniforms.uBackCull.value = count > BACK_CULL_AFTER ? -0.3 : -2;
    this.spin += ((this.finale ? SPIN_FINALE : SPIN_GATHERING) - this.spin) * (1 - Math.exp(-dt * 1.2));
    this.ball.rotation.y += this.spin * dt;

    if (this.orderDirty || Math.abs(this.ball.rotation.y - this.sortedAt) > RESORT_RADIANS) this.sortFaces();
    if (this.nameStarts.size > 0) {
      this.nameLabels.place((id) => this.faceOnScreen(id), this.width, this.height);
      for (const id of this.nameStarts.keys()) if (!this.nameLabels.has(id)) this.nameStarts.delete(id);
    }
    this.atlas.upload(this.renderer);
    this.renderer.render(this.scene, this.camera);
    if (arrivals.length > 0) this.reportStats();
  }

  /**
   * A queued face's turn: it pops up around the ball, then flies onto it. A few at a time also
   * show their name under the face, each in a sector of its own (ArrivalNames).
   */
  private arrive(face: SceneFace): void {
    const { angle, named } = this.arrivalNames.arrive(face.id, this.now());
    // In the view, in ball radii from its centre; a little towards the hall.
    const cameraDistance = this.camera.position.z;
    const halfHeight = ((cameraDistance - POP_DEPTH * this.uniforms.uRadius.value) * Math.tan((FOV_DEGREES * Math.PI) / 360)) / this.uniforms.uRadius.value;
    const halfWidth = halfHeight * this.camera.aspect;
    const start = new Vector3(Math.cos(angle) * halfWidth * 0.8, Math.sin(angle) * halfHeight * 0.78, POP_DEPTH);
    this.place(face, false, this.now(), start);
    if (!named) return;
    this.nameStarts.set(face.id, start);
    // Under a face in the upper half, over one in the lower half: inside the stage either way.
    this.nameLabels.show(face.id, face.name, start.y < 0);
  }

  /**
   * Where a named face is drawn this frame, in stage pixels: the vertex shader's flight (pop,
   * hold, glide onto its eased home on the turning ball) done on the CPU for the few faces
   * that show a name, so each name follows its face.
   */
  private faceOnScreen(id: string): FaceOnScreen | null {
    const placed = this.placed.get(id);
    const start = this.nameStarts.get(id);
    const page = placed ? this.pages[placed.cell.page] : undefined;
    if (!placed || !start || !page) return null;
    const { uRadius, uStartSize, uFaceSize, uCenterView } = this.uniforms;
    const { pop, move } = flightAt((this.now() - page.quads.flightStart(placed.slot)) / FLIGHT_SECONDS);
    this.ball.updateMatrixWorld();
    this.camera.updateMatrixWorld();
    this.nameView.multiplyMatrices(this.camera.matrixWorldInverse, this.ball.matrixWorld);
    const home = this.nameHome.set(page.quads.homeAt(placed.slot, 0), page.quads.homeAt(placed.slot, 1), page.quads.homeAt(placed.slot, 2));
    home.multiplyScalar(uRadius.value).applyMatrix4(this.nameView);
    const centre = this.namePoint.copy(start).multiplyScalar(uRadius.value).add(uCenterView.value).lerp(home, move);
    const size = uStartSize.value * pop + (uFaceSize.value - uStartSize.value * pop) * move;
    const halfHeight = -centre.z * Math.tan((FOV_DEGREES * Math.PI) / 360);
    const halfWidth = halfHeight * this.camera.aspect;
    return {
      x: ((centre.x / halfWidth + 1) / 2) * this.width,
      y: ((1 - centre.y / halfHeight) / 2) * this.height,
      half: (size / 2 / halfHeight) * (this.height / 2),
    };
  }

  /** New targets for every face (once per frame at most); newcomers start right there. */
  private layout(): void {
    this.layoutDirty = false;
    const count = this.ordered.length;
    const now = this.now();
    for (const [index, placed] of this.ordered.entries()) {
      fibonacciPoint(index, count, placed.target);
      const page = this.pages[placed.cell.page];
      if (!page) continue;
      const arriveAt = page.quads.flightStart(placed.slot);
      // A face still before its glide onto the ball (its place is not yet seen) goes straight there.
      if (now - arriveAt < FLIGHT_SECONDS * GLIDE_START) page.quads.setHome(placed.slot, ...placed.target);
    }
    this.orderDirty = true;
    this.gliding = true;
  }

  /** Draws the near faces first, so the depth test skips the hidden parts of those behind. */
  private sortFaces(): void {
    this.orderDirty = false;
    this.sortedAt = this.ball.rotation.y;
    this.ball.updateMatrixWorld();
    this.camera.updateMatrixWorld();
    this.modelView.multiplyMatrices(this.camera.matrixWorldInverse, this.ball.matrixWorld);
    const now = this.now();
    for (const page of this.pages) page.quads.sortFrontToBack(this.modelView, now, FLIGHT_SECONDS);
  }

  /** Eases every face towards its target; stops once all are there. */
  private glide(dt: number): void {
    const k = 1 - Math.exp(-dt * 2.5);
    let moving = false;
    const next: [number, number, number] = [0, 0, 0];
    for (const page of this.pages) {
      for (const placed of page.members) {
        let changed = false;
        for (let axis = 0; axis < 3; axis++) {
          const current = page.quads.homeAt(placed.slot, axis);
          const target = placed.target[axis] ?? 0;
          const delta = target - current;
          next[axis] = target;
          if (Math.abs(delta) > 1e-4) {
            next[axis] = current + delta * k;
            changed = moving = true;
          } else if (delta !== 0) changed = true;
        }
        if (changed) page.quads.setHome(placed.slot, ...next);
      }
    }
    this.gliding = moving;
  }

  private addPage(index: number, texture: Texture): void {
    const quads = new FaceQuads(CELLS_PER_PAGE);
    const material = new ShaderMaterial({
      vertexShader: FACE_VERTEX_SHADER,
      fragmentShader: FACE_FRAGMENT_SHADER,
      uniforms: { ...this.uniforms, map: { value: texture } },
    });
    const mesh = new Mesh(quads.geometry, material);
    // Positions come from the shader, so a bounding sphere would lie.
    mesh.frustumCulled = false;
    mesh.name = `faces-page-${index}`;
    this.ball.add(mesh);
    this.pages[index] = { mesh, material, quads, members: [] };
  }

  private resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.width = width;
    this.height = height;
    const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(this.maxPixels / (width * height)));
    this.renderer.setPixelRatio(ratio);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    // Far enough that the full-size ball fills BALL_FILL of the narrower side.
    const tan = Math.tan((FOV_DEGREES * Math.PI) / 360);
    const fit = Math.min(1, this.camera.aspect);
    this.camera.position.set(0, 0, (1.08 * sphereRadiusFor(Infinity)) / (BALL_FILL * tan * fit) + 0.2);
    this.camera.updateProjectionMatrix();
    this.uniforms.uCenterView.value.set(0, 0, -this.camera.position.z);
  }

  private countFps(nowMs: number): void {
    this.fpsFrames++;
    const elapsed = nowMs - this.fpsSince;
    if (elapsed >= 1000) {
      this.fpsValue = Math.round((this.fpsFrames * 10_000) / elapsed) / 10;
      this.fpsFrames = 0;
      this.fpsSince = nowMs;
    }
  }

  private reportStats(): void {
    const stats = { faces: this.ordered.length, queued: this.queue.size };
    if (stats.faces === this.lastStats.faces && stats.queued === this.lastStats.queued) return;
    this.lastStats = stats;
    this.options.onStats?.(stats);
  }

  private now(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}

function guidePoints(): Points {
  const positions = new Float32Array(GUIDE_POINTS * 3);
  for (let i = 0; i < GUIDE_POINTS; i++) fibonacciPoint(i, GUIDE_POINTS, positions, i * 3);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  const material = new PointsMaterial({ color: 0xc4b5fd, size: 0.026, transparent: true, opacity: 0.55, depthWrite: false });
  const points = new Points(geometry, material);
  points.renderOrder = -1;
  return points;
}

/** A random point on a shell well outside the ball (in ball radii), for converging faces. */
function randomShell(out: Vector3): void {
  const u = Math.random() * 2 - 1;
  const theta = Math.random() * Math.PI * 2;
  const ring = Math.sqrt(1 - u * u);
  const distance = 1.8 + Math.random() * 1.2;
  out.set(Math.cos(theta) * ring * distance * 1.6, u * distance, Math.sin(theta) * ring * distance * 0.4 + 0.6);
}

/** SwiftShader, llvmpipe and friends: WebGL without a GPU, where every pixel costs CPU time. */
function isSoftwareRenderer(renderer: WebGLRenderer): boolean {
  const gl = renderer.getContext();
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}
