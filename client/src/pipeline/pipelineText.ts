import type { Language, PipelineStage, StageName } from '@ideasphere/shared';

/** A stage's name in the UI language, from an organisation's (or the default) names. */
export function stageLabel(names: Record<PipelineStage, StageName>, stage: PipelineStage, language: Language): string {
  return names[stage][language];
}
