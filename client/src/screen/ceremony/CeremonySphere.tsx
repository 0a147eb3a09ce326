import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CeremonyStage } from '@ideasphere/shared/ceremonyModel.js';
import type { CeremonyScene, SceneFace, SceneStats } from './CeremonyScene';

/** What e2e tests and the benchmark read from a ceremony screen (see specs/ceremony.md). */
export interface CeremonyTestHooks {
  faceIds(): string[];
  hiddenIds(): string[];
  readonly stage: string;
  fps(): number;
  addSyntheticFaces(n: number): void;
  pixelRatio(): number;
}

declare global {
  interface Window {
    __ceremony?: CeremonyTestHooks;
  }
}

interface CeremonySphereProps {
  faces: readonly SceneFace[];
  hiddenIds: readonly string[];
  stage: CeremonyStage;
  /** Every roster page is loaded: from now on new faces are arrivals that fly in one by one. */
  complete: boolean;
  label: string;
  /** Shown instead of the ball when this computer cannot run WebGL. */
  fallback: ReactNode;
}

/**
 * Hosts the three.js ball. three.js is loaded on demand, so the board view, phones and the
 * console never download it. The scene is fed the face list; counters reach the DOM as data
 * attributes without re-rendering React on every frame.
 */
export function CeremonySphere({ faces, hiddenIds, stage, complete, label, fallback }: CeremonySphereProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<CeremonyScene | null>(null);
  const latest = useRef({ faces, hiddenIds, stage, complete });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let scene: CeremonyScene | null = null;
    const onStats = ({ faces: count, queued }: SceneStats) => {
      host.dataset.faces = String(count);
      host.dataset.queued = String(queued);
    };
    void import('./CeremonyScene')
      .then(({ CeremonyScene: Scene }) => {
        if (disposed) return;
        scene = new Scene(host, { onStats });
        sceneRef.current = scene;
        scene.setFinale(latest.current.stage === 'finale');
        scene.sync(latest.current.faces, latest.current.complete, latest.current.hiddenIds);
        host.dataset.ready = 'true';
        host.dataset.pixelRatio = String(Math.round(scene.pixelRatio() * 100) / 100);
        window.__ceremony = {
          faceIds: () => scene?.faceIds() ?? [],
          hiddenIds: () => [...latest.current.hiddenIds],
          get stage() {
            return latest.current.stage;
          },
          fps: () => scene?.fps() ?? 0,
          addSyntheticFaces: (n: number) => scene?.addSyntheticFaces(n),
          pixelRatio: () => scene?.pixelRatio() ?? 0,
        };
      })
      .catch((error: unknown) => {
        console.error('ceremony: no 3D scene', error);
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      scene?.dispose();
      sceneRef.current = null;
      delete host.dataset.ready;
      window.__ceremony = undefined;
    };
  }, []);

  useEffect(() => {
    latest.current = { faces, hiddenIds, stage, complete };
  }, [faces, hiddenIds, stage, complete]);

  useEffect(() => {
    sceneRef.current?.sync(faces, complete, hiddenIds);
  }, [faces, complete, hiddenIds]);

  useEffect(() => {
    sceneRef.current?.setFinale(stage === 'finale');
  }, [stage]);

  return (
    <div
      ref={hostRef}
      className="ceremony-scene"
      role="img"
      aria-label={label}
      data-testid="ceremony-scene"
      data-stage={stage}
      data-view="ceremony"
      data-faces="0"
      data-queued="0"
      data-fallback={failed ? 'true' : undefined}
    >
      {failed && fallback}
    </div>
  );
}
