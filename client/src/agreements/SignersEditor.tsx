import type { Translator } from '../lib/i18n';

export interface SignerDraft {
  key: number;
  email: string;
}

interface SignersEditorProps {
  t: Translator;
  signers: SignerDraft[];
  max: number;
  /** The server refused this row's email (no such account). */
  invalid: (index: number) => boolean;
  onChange: (signers: SignerDraft[]) => void;
  onAdd: () => void;
}

/** The signers by email, in signing order: move up or down, remove, add (up to `max`). */
export function SignersEditor({ t, signers, max, invalid, onChange, onAdd }: SignersEditorProps) {
  const move = (index: number, by: -1 | 1) => {
    const next = [...signers];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + by, 0, moved);
    onChange(next);
  };

  return (
    <fieldset className="agreement-fieldset" data-testid="agreement-signers">
      <legend className="field-label">{t('agreement.form.signers')}</legend>
      <span className="field-hint">{t('agreement.form.signersHint')}</span>
      <ol className="agreement-signer-list">
        {signers.map((signer, index) => (
          <li key={signer.key} className="agreement-signer-row" data-testid="signer-row">
            <span className="agreement-signer-number" aria-hidden="true">
              {index + 1}
            </span>
            <input
              className="input"
              type="email"
              inputMode="email"
              autoComplete="off"
              aria-label={t('agreement.form.signerEmail', { n: index + 1 })}
              aria-invalid={invalid(index) ? true : undefined}
              value={signer.email}
              onChange={(e) => onChange(signers.map((s) => (s.key === signer.key ? { ...s, email: e.target.value } : s)))}
              data-testid="signer-email"
            />
            <button type="button" className="button button-ghost button-small" aria-label={t('agreement.form.moveUp', { n: index + 1 })} disabled={index === 0} onClick={() => move(index, -1)} data-testid="signer-up">
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('agreement.form.moveDown', { n: index + 1 })}
              disabled={index === signers.length - 1}
              onClick={() => move(index, 1)}
              data-testid="signer-down"
            >
              <span aria-hidden="true">↓</span>
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('agreement.form.removeSigner', { n: index + 1 })}
              disabled={signers.length === 1}
              onClick={() => onChange(signers.filter((s) => s.key !== signer.key))}
              data-testid="signer-remove"
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ol>
      {signers.length < max && (
        <button type="button" className="button button-secondary button-small agreement-start" onClick={onAdd} data-testid="signer-add">
          {t('agreement.form.addSigner')}
        </button>
      )}
    </fieldset>
  );
}
