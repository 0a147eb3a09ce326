import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES, moveRefusal, type ItemFacts } from './pipelineRules.js';

const NOTHING: ItemFacts = { decision: null, agreementCompleted: false };
const ADVANCED: ItemFacts = { decision: 'advance', agreementCompleted: false };
const SIGNED: ItemFacts = { decision: 'advance', agreementCompleted: true };

describe('pipeline moves', () => {
  it('moves freely through stages without gates, and refuses a move to the same stage', () => {
    expect(moveRefusal('idea', 'concept', DEFAULT_GATES, NOTHING)).toBeNull();
    expect(moveRefusal('idea', 'review', DEFAULT_GATES, NOTHING)).toBeNull();
    expect(moveRefusal('review', 'review', DEFAULT_GATES, SIGNED)).toBe('stage_unchanged');
  });

  it('asks for a decision to advance before the agreement stage, and an award counts', () => {
    expect(moveRefusal('review', 'agreement', DEFAULT_GATES, NOTHING)).toBe('gate_decision_required');
    expect(moveRefusal('review', 'agreement', DEFAULT_GATES, { ...NOTHING, decision: 'decline' })).toBe('gate_decision_required');
    expect(moveRefusal('review', 'agreement', DEFAULT_GATES, ADVANCED)).toBeNull();
    expect(moveRefusal('review', 'agreement', DEFAULT_GATES, { ...NOTHING, decision: 'award' })).toBeNull();
  });

  it('asks for a completed agreement before incubation, also when the move skips the agreement stage', () => {
    expect(moveRefusal('agreement', 'incubation', DEFAULT_GATES, ADVANCED)).toBe('gate_agreement_required');
    expect(moveRefusal('idea', 'completed', DEFAULT_GATES, NOTHING)).toBe('gate_decision_required');
    expect(moveRefusal('review', 'completed', DEFAULT_GATES, ADVANCED)).toBe('gate_agreement_required');
    expect(moveRefusal('review', 'completed', DEFAULT_GATES, SIGNED)).toBeNull();
  });

  it('always lets an item move back, and follows an organisation’s own gates', () => {
    expect(moveRefusal('incubation', 'concept', DEFAULT_GATES, NOTHING)).toBeNull();
    expect(moveRefusal('review', 'agreement', {}, NOTHING)).toBeNull();
    expect(moveRefusal('idea', 'concept', { concept: ['decision_advance'] }, NOTHING)).toBe('gate_decision_required');
  });
});
