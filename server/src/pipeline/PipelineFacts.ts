import type { PipelineItemRef } from '@ideasphere/shared';

/**
 * What the gates need to know about an item, from the domains that decide it: review decisions
 * (`ReviewService.decisionOf`) and agreements (`store.agreements.listAgreementsForResponse`).
 * Injected into `PipelineService`, so the pipeline never reads another domain's records.
 */
export interface PipelineFacts {
  decisionOf(item: PipelineItemRef): Promise<'advance' | 'decline' | 'award' | null>;
  agreementCompletedFor(item: PipelineItemRef): Promise<boolean>;
}
