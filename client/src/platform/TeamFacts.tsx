import type { TeamProfileFacts } from '@ideasphere/shared/accounts/profileModel.js';
import type { PlatformPageProps } from './HomePage';
import { PlatformLink } from './PlatformLink';

/**
 * A team profile's members and challenge, as far as the server let the viewer see them: members
 * link to their person profiles, the challenge to its page. Its members also get a way back to
 * their response (which nobody else may open).
 */
export function TeamFacts({ t, navigate, team, responseId, onTeam }: Pick<PlatformPageProps, 'navigate'> & { t: PlatformPageProps['lang']['t']; team: TeamProfileFacts; responseId: string; onTeam: boolean }) {
  return (
    <div className="card platform-card team-facts" data-testid="team-facts">
      {team.withdrawn && (
        <p className="alert alert-info" role="status" data-testid="team-withdrawn">
          {t('platform.profile.team.withdrawn')}
        </p>
      )}
      {team.challenge && (
        <p className="team-facts-challenge">
          <span className="platform-meta">{t('platform.profile.team.challenge')} </span>
          <PlatformLink className="platform-link" href={`/platform/challenges/${team.challenge.id}`} navigate={navigate} dir="auto" data-testid="team-challenge">
            {team.challenge.title}
          </PlatformLink>
        </p>
      )}
      <h2 className="platform-meta">{t('platform.profile.team.members')}</h2>
      <ul className="platform-tags" data-testid="team-members">
        {team.members.map((member) => (
          <li key={member.id} className="platform-tag team-member">
            <PlatformLink className="team-member-link" href={`/platform/profiles/person/${member.id}`} navigate={navigate} dir="auto">
              {member.name}
            </PlatformLink>
          </li>
        ))}
      </ul>
      {team.otherMembers > 0 && (
        <p className="platform-meta" data-testid="team-other-members">
          {t('platform.profile.team.otherMembers', { count: team.otherMembers })}
        </p>
      )}
      {onTeam && (
        <p className="team-facts-response">
          <PlatformLink className="platform-link" href={`/platform/responses/${responseId}`} navigate={navigate} data-testid="team-response">
            {t('platform.profile.team.response')}
          </PlatformLink>
        </p>
      )}
    </div>
  );
}
