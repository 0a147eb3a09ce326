import type { AwardRevealState, Language } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { Avatar } from '../ui/Avatar';

interface PhoneWinnersProps {
  code: string;
  reveal: AwardRevealState | null;
  language: Language;
  t: Translator;
}

/** The award winners revealed so far in this session, newest first: what the big screen announced, in the guest's hand. */
export function PhoneWinners({ code, reveal, language, t }: PhoneWinnersProps) {
  if (!reveal || reveal.revealed.length === 0) return null;
  const categories = [...reveal.revealed].reverse();
  return (
    <section className="join-card phone-winners" data-testid="phone-winners" aria-labelledby="phone-winners-title" aria-live="polite">
      <h2 className="phone-winners-title" id="phone-winners-title">
        {t('award.phone.title')}
      </h2>
      <ul className="phone-winners-list">
        {categories.map((category) => (
          <li key={category.categoryId}>
            <p className="phone-winners-category">{language === 'zh' ? category.name.zh : category.name.en}</p>
            {category.winners.map((winner) => (
              <p key={winner.nominationId} className="phone-winners-winner" data-testid="phone-winner">
                <Avatar code={code} participant={{ id: winner.nominationId, name: winner.name, photoVersion: null }} src={winner.photoUrl} size="2.25rem" />
                <bdi className="user-text">{winner.name}</bdi>
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
