import type { AwardRevealState, CeremonyState, Language } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { Avatar } from '../ui/Avatar';
import './award-reveal.css';

interface AwardRevealProps {
  code: string;
  reveal: AwardRevealState | null;
  ceremony: CeremonyState | null;
  language: Language;
  t: Translator;
}

/**
 * The awards' announcement over the big screen (the ceremony scene keeps turning behind it): the
 * category's title, the winners large with their photo (only where they consented in this
 * session; the server sends no photo otherwise) or initials, and the citation. It shows the
 * newest revealed category until the next one, or until the facilitator changes the stage
 * (starts the ceremony again, the finale, switches screens): both times are the server's, so
 * every screen of the session agrees.
 */
export function AwardReveal({ code, reveal, ceremony, language, t }: AwardRevealProps) {
  const latest = reveal?.revealed.at(-1);
  if (!latest) return null;
  if (ceremony && Date.parse(ceremony.changedAt) > Date.parse(latest.revealedAt)) return null;
  const title = language === 'zh' ? latest.name.zh : latest.name.en;
  const subtitle = language === 'zh' ? latest.name.en : latest.name.zh;
  const many = latest.winners.length > 1;
  return (
    <section key={latest.categoryId} className="award-reveal" data-testid="award-reveal" data-winners={latest.winners.length} aria-live="assertive" aria-labelledby="award-reveal-title">
      <div className="award-reveal-card">
        <p className="award-reveal-programme" dir="auto">
          {latest.programmeName}
        </p>
        <h1 className="award-reveal-title" id="award-reveal-title" dir="auto" data-testid="award-reveal-title">
          {title}
        </h1>
        <p className="award-reveal-subtitle" dir="auto">
          {subtitle}
        </p>
        <p className="award-reveal-label">{t(many ? 'award.screen.winners' : 'award.screen.winner')}</p>
        <ul className="award-reveal-winners" data-many={many}>
          {latest.winners.map((winner, index) => (
            <li key={winner.nominationId} className="award-reveal-winner" style={{ animationDelay: `${0.6 + index * 0.35}s` }} data-testid="award-reveal-winner" data-photo={winner.photoUrl !== null}>
              <Avatar code={code} participant={{ id: winner.nominationId, name: winner.name, photoVersion: null }} src={winner.photoUrl} size="var(--award-avatar)" className="award-reveal-avatar" />
              <div className="award-reveal-text">
                <p className="award-reveal-name" dir="auto" data-testid="award-reveal-name">
                  {winner.name}
                </p>
                <p className="award-reveal-citation user-text" dir="auto">
                  {winner.citation}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
