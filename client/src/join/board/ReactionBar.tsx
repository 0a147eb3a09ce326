import type { IdeaPublic } from '@ideasphere/shared';
import { REACTIONS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import type { ReactionControls } from './useReactions';

interface ReactionBarProps {
  idea: IdeaPublic;
  reactions: ReactionControls;
  t: Translator;
}

/** One toggle per emoji with its count; the guest's own reactions are highlighted. */
export function ReactionBar({ idea, reactions, t }: ReactionBarProps) {
  const { mine, counts } = reactions.view(idea);
  return (
    <div className="reactions" role="group" aria-label={t('reactions.label')}>
      {REACTIONS.map((emoji, index) => {
        const count = counts[emoji] ?? 0;
        return (
          <button
            key={emoji}
            type="button"
            className="reaction"
            data-testid={`reaction-${index}`}
            aria-pressed={mine.includes(emoji)}
            aria-label={t('reactions.button', { emoji, count })}
            onClick={() => reactions.toggle(idea.id, emoji)}
          >
            <span aria-hidden="true">{emoji}</span>
            {count > 0 && <span className="reaction-count" aria-hidden="true">{count}</span>}
          </button>
        );
      })}
    </div>
  );
}
