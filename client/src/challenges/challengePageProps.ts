import type { Me } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import type { PlatformRoute } from '../platform/platformRoutes';

/** What every challenges page gets; `me` is null for an anonymous visitor. */
export interface ChallengePageProps {
  me: Me | null;
  lang: LanguageState;
  request: PlatformRequest;
  navigate: (route: PlatformRoute) => void;
}
