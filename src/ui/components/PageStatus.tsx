// The popup's first line about the page: which campaign the reader saw and how it knew (the address's id, a
// filter chip, the heading), and the page's state in one sentence when there is no report to show ("No opens or
// clicks on this page yet", "No engagement table found on this page"). Page text is rendered as text, never HTML.
import type { CampaignIdentity } from '../../shared/messages';
import { t } from '../i18n';

export type PageStatusState = 'no-events' | 'no-table' | 'waiting' | undefined;

export function PageStatus({ identity, state }: { identity: CampaignIdentity | undefined; state?: PageStatusState }) {
  const sentence =
    state === 'no-events' ? t('ui_noEventsTitle') : state === 'no-table' ? t('ui_noTableTitle') : state === 'waiting' ? t('ui_waitingForPage') : undefined;
  if (!identity && !sentence) return null;
  return (
    <section class="page-status" data-testid="page-status">
      {identity ? (
        // One line each (the full text on hover): a long subject filter must not push the headline below the
        // first screen of a 600 px popup.
        <p data-testid="campaign-identity" class="one-line" title={t('ui_campaignIdentity', { label: identity.label })}>
          <strong>{t('ui_campaignIdentity', { label: identity.label })}</strong>
          <br />
          <span class="muted" data-testid="campaign-identity-how" title={t('ui_campaignIdentityHow', { how: identity.how })}>
            {t('ui_campaignIdentityHow', { how: identity.how })}
          </span>
        </p>
      ) : null}
      {sentence ? <p data-testid="page-state-sentence">{sentence}</p> : null}
    </section>
  );
}
