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
              <em>
                <bdi>{sectionHeading(comment.anchor.section)}</bdi>
              </em>{' '}
              — “<bdi>{comment.anchor.quote}</bdi>”
              {comment.resolvedAt !== null && ` (${t('proposal.comment.resolvedLabel')})`}
            </p>
            <p>
              <strong>
                <bdi>{comment.authorName}</bdi>
              </strong>{' '}
              ({formatWhen(language, comment.createdAt)}): <bdi>{comment.body}</bdi>
            </p>
            {comment.replies.map((reply) => (
              <p key={reply.id} className="print-reply">
                <strong>
                  <bdi>{reply.authorName}</bdi>
                </strong>
                : <bdi>{reply.body}</bdi>
              </p>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
