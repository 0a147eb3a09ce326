import { useEffect, useState } from 'react';
import type { Translator } from '../lib/i18n';
import { CheckIcon, CopyIcon } from './icons';

/** Writes text to the clipboard, with a fallback for browsers without the async API. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

interface CopyButtonProps {
  text: string;
  t: Translator;
  /** What the button says when idle, e.g. "Copy link". */
  label: string;
  testId?: string;
  className?: string;
}

/** A copy button that says "Copied" (or "Copy failed") for two seconds. */
export function CopyButton({ text, t, label, testId, className }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (result === null) return;
    const timer = window.setTimeout(() => setResult(null), 2_000);
    return () => window.clearTimeout(timer);
  }, [result]);

  const onClick = () => {
    void copyText(text).then((ok) => setResult(ok ? 'copied' : 'failed'));
  };

  const feedback = result === 'copied' ? t('common.copied') : result === 'failed' ? t('common.copyFailed') : '';
  return (
    <>
      <button
        type="button"
        className={['button', 'button-secondary', className].filter(Boolean).join(' ')}
        onClick={onClick}
        data-testid={testId}
        data-result={result ?? undefined}
      >
        {result === 'copied' ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
        <span>{result === null ? label : feedback}</span>
      </button>
      <span className="visually-hidden" role="status">
        {feedback}
      </span>
    </>
  );
}
