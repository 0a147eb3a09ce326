import type { Me } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import type { PlatformRoute } from '../platform/platformRoutes';

/** What every agreements page gets (they are for signed-in accounts only). */
export interface AgreementPageProps {
  me: Me;
  lang: LanguageState;
  request: PlatformRequest;
  navigate: (route: PlatformRoute) => void;
}
