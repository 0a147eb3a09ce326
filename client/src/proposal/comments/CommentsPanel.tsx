import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CommentAnchor, Language, ProposalComment, ProposalRole } from '@ideasphere/shared';
import { COMMENT_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import type { ProposalApi } from '../proposalApi';
import { formatWhen } from '../format';
import type { CommentsData } from '../useProposalData';

interface CommentsPanelProps {
  comments: CommentsData;
  api: ProposalApi;
  myId: string;
  role: ProposalRole;
  /** A passage picked for a new comment, waiting for its text. */
  draft: CommentAnchor | null;
  /** The draft was posted (true) or cancelled. */
  onDraftDone: (posted: boolean) => void;
  active: string | null;
  onActivate: (comment: ProposalComment) => void;
  /** Comments whose passage is no longer in the text. */
  detached: ReadonlySet<string>;
  sectionHeading: (key: string) => string;
  language: Language;
  t: Translator;
}

/** Comment threads: the new-comment form, open threads, then the resolved ones. */
export function CommentsPanel(props: CommentsPanelProps) {
  const { comments, api, draft, onDraftDone, role, t } = props;
  const [showResolved, setShowResolved] = useState(false);
  const list = comments.data;
  const open = useMemo(() => (list ?? []).filter((c) => c.resolvedAt === null), [list]);
  const resolved = useMemo(() => (list ?? []).filter((c) => c.resolvedAt !== null), [list]);
  const canComment = role !== 'viewer';

  return (
    <div className="comments-panel" data-testid="comments-panel">
      {draft && canComment && (
        <Composer
          key={draft.start}
          label={t('proposal.comment.new')}
          quote={draft.quote}
          submitLabel={t('proposal.comment.post')}
          t={t}
          onCancel={() => onDraftDone(false)}
          onSubmit={async (body) => {
            const result = await api.addComment(draft, body);
            if (result.ok) {
              onDraftDone(true);
              comments.refetch();
            }
            return result.ok ? null : result.error;
          }}
          testId="comment-composer"
        />
      )}
      {comments.loading && comments.data === null && <p className="panel-empty">{t('common.loading')}</p>}
      {comments.error && comments.data === null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, comments.error)}
        </p>
      )}
      {comments.data !== null && open.length === 0 && !draft && (
        <p className="panel-empty" data-testid="comments-empty">
          {canComment ? t('proposal.comment.emptyCanComment') : t('proposal.comment.empty')}
        </p>
      )}
      <ol className="thread-list" aria-label={t('proposal.comment.openThreads')}>
        {open.map((comment) => (
          <Thread key={comment.id} comment={comment} {...props} />
        ))}
      </ol>
      {resolved.length > 0 && (
        <div className="resolved-threads">
          <button type="button" className="button button-ghost button-small" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)} data-testid="toggle-resolved">
            {t('proposal.comment.resolvedCount', { count: resolved.length })}
          </button>
          {showResolved && (
            <ol className="thread-list">
              {resolved.map((comment) => (
                <Thread key={comment.id} comment={comment} {...props} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

function Thread({ comment, api, comments, myId, role, active, onActivate, detached, sectionHeading, language, t }: CommentsPanelProps & { comment: ProposalComment }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const [replying, setReplying] = useState(false);
  const isResolved = comment.resolvedAt !== null;
  const mayResolve = role === 'owner' || role === 'editor' || comment.authorId === myId;
  const isDetached = detached.has(comment.id);

  const toggleResolved = async () => {
    setBusy(true);
    setError(null);
    const result = await api.setResolved(comment.id, !isResolved);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    comments.refetch();
  };

  return (
    <li className="thread" data-testid="comment-thread" data-comment-id={comment.id} data-active={active === comment.id} data-resolved={isResolved}>
      <button type="button" className="thread-quote" onClick={() => onActivate(comment)} disabled={isDetached} title={t('proposal.comment.showPassage')}>
        <span className="thread-section">{sectionHeading(comment.anchor.section)}</span>
        <q data-testid="comment-quote" dir="auto">
          {comment.anchor.quote}
        </q>
        {isDetached && <span className="thread-detached">{t('proposal.comment.detached')}</span>}
      </button>
      <Message name={comment.authorName} when={formatWhen(language, comment.createdAt)} body={comment.body} testId="comment-body" />
      {comment.replies.map((reply) => (
        <Message key={reply.id} name={reply.authorName} when={formatWhen(language, reply.createdAt)} body={reply.body} testId="comment-reply" reply />
      ))}
      {error && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {replying ? (
        <Composer
          label={t('proposal.comment.reply')}
          submitLabel={t('proposal.comment.sendReply')}
          t={t}
          onCancel={() => setReplying(false)}
          onSubmit={async (body) => {
            const result = await api.reply(comment.id, body);
            if (result.ok) {
              setReplying(false);
              comments.refetch();
            }
            return result.ok ? null : result.error;
          }}
          testId="reply-composer"
        />
      ) : (
        <div className="thread-actions">
          {role !== 'viewer' && !isResolved && (
            <button type="button" className="button button-ghost button-small" onClick={() => setReplying(true)} data-testid="comment-reply-open">
              {t('proposal.comment.reply')}
            </button>
          )}
          {mayResolve && (
            <button type="button" className="button button-ghost button-small" disabled={busy} aria-busy={busy} onClick={() => void toggleResolved()} data-testid="comment-resolve">
              {isResolved ? t('proposal.comment.reopen') : t('proposal.comment.resolve')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function Message({ name, when, body, testId, reply = false }: { name: string; when: string; body: string; testId: string; reply?: boolean }) {
  return (
    <div className={reply ? 'thread-message thread-reply' : 'thread-message'}>
      <p className="thread-meta">
        <strong>
          <bdi>{name}</bdi>
        </strong>{' '}
        <time>{when}</time>
      </p>
      <p className="thread-body user-text" data-testid={testId} dir="auto">
        {body}
      </p>
    </div>
  );
}

interface ComposerProps {
  label: string;
  quote?: string;
  submitLabel: string;
  t: Translator;
  onCancel: () => void;
  /** Resolves with an error to show, or null when sent. */
  onSubmit: (body: string) => Promise<RequestError | null>;
  testId: string;
}

function Composer({ label, quote, submitLabel, t, onCancel, onSubmit, testId }: ComposerProps) {
  const id = useId();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const trimmed = body.trim();
  const bodyField = useTextField(body, COMMENT_MAX_CHARS, { kind: 'block', required: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !bodyField.ready()) return;
    setBusy(true);
    setError(null);
    const failure = await onSubmit(bodyField.check.text);
    setBusy(false);
    setError(failure);
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      {quote !== undefined && (
        <q className="composer-quote" dir="auto">
          {quote}
        </q>
      )}
      <label className="visually-hidden" htmlFor={`${id}-body`}>
        {label}
      </label>
      <textarea
        id={`${id}-body`}
        className="input composer-input"
        rows={3}
        value={body}
        dir="auto"
        placeholder={label}
        autoFocus
        {...textFieldAria(bodyField, `${id}-body-error`)}
        data-testid={`${testId}-input`}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
          if (e.key === 'Escape') onCancel();
        }}
      />
      <CharCounter field={bodyField} />
      <TextFieldNote field={bodyField} id={`${id}-body-error`} t={t} />
      {error && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div className="composer-actions">
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          {t('proposal.cancel')}
        </button>
        <button type="submit" className="button button-primary button-small" disabled={trimmed === '' || busy} aria-busy={busy} data-testid={`${testId}-submit`}>
          {busy ? t('proposal.sending') : submitLabel}
        </button>
      </div>
    </form>
  );
}
