/**
 * The stage pipeline's rules, pure so they are tested apart from any store: every idea,
 * proposal and challenge response sits in one stage; a stage may have gates that an item must
 * pass to enter it (or to move past it), and every move is judged here before it is recorded.
 */

import { DEFAULT_PIPELINE_GATES, PIPELINE_STAGES, type PipelineGate, type PipelineStage } from '@ideasphere/shared';

// The stages, gates and defaults are shared with the client (shared/src/pipeline/pipelineModel.ts).
export { PIPELINE_STAGES, type PipelineStage };
export type Gate = PipelineGate;
export const DEFAULT_GATES = DEFAULT_PIPELINE_GATES;

/** What is known of an item when it moves. */
export interface ItemFacts {
  /** The review decision on it, if any ('award' counts as advancing). */
  decision: 'advance' | 'decline' | 'award' | null;
  /** Whether an agreement about it is completed (signed by everyone). */
  agreementCompleted: boolean;
}

export type MoveRefusal = 'stage_unchanged' | 'gate_decision_required' | 'gate_agreement_required';

function passes(gate: Gate, facts: ItemFacts): boolean {
  switch (gate) {
    case 'decision_advance':
      return facts.decision === 'advance' || facts.decision === 'award';
    case 'agreement_completed':
      return facts.agreementCompleted;
  }
}

const REFUSAL: Record<Gate, MoveRefusal> = {
  decision_advance: 'gate_decision_required',
  agreement_completed: 'gate_agreement_required',
};

/**
 * Why a move from `from` to `to` is refused, or null. Moving forward passes the gates of every
 * stage it enters or skips (skipping the agreement stage does not skip its gate); moving back is
 * always allowed (with a reason, recorded by the caller).
 */
export function moveRefusal(from: PipelineStage, to: PipelineStage, gates: Readonly<Partial<Record<PipelineStage, readonly Gate[]>>>, facts: ItemFacts): MoveRefusal | null {
  const fromIndex = PIPELINE_STAGES.indexOf(from);
  const toIndex = PIPELINE_STAGES.indexOf(to);
  if (fromIndex === toIndex) return 'stage_unchanged';
  if (toIndex < fromIndex) return null;
  for (const stage of PIPELINE_STAGES.slice(fromIndex + 1, toIndex + 1)) {
    for (const gate of gates[stage] ?? []) if (!passes(gate, facts)) return REFUSAL[gate];
  }
  return null;
}
