import type { Language, ProposalComment } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { formatWhen } from '../format';

/** The comments at the end of a printed proposal (only in print, only when asked for). */
export function PrintComments({ comments, sectionHeading, language, t }: { comments: readonly ProposalComment[]; sectionHeading: (key: string) => string; language: Language; t: Translator }) {
  if (comments.length === 0) return null;
  return (
    <section className="print-comments" aria-hidden="true">
      <h2>{t('proposal.comment.title')}</h2>
      <ol>
        {comments.map((comment) => (
          <li key={comment.id}>
            <p>
              <em>{sectionHeading(comment.anchor.section)}</em> — “{comment.anchor.quote}”
              {comment.resolvedAt !== null && ` (${t('proposal.comment.resolvedLabel')})`}
            </p>
            <p>
              <strong>{comment.authorName}</strong> ({formatWhen(language, comment.createdAt)}): {comment.body}
            </p>
            {comment.replies.map((reply) => (
              <p key={reply.id} className="print-reply">
                <strong>{reply.authorName}</strong>: {reply.body}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
