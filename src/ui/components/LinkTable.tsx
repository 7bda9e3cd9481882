import type { CampaignSummary } from '../../shared/types';
import { formatCount } from '../format';
import { t } from '../i18n';

/** "https://shop.example.com/spring?utm_source=x" → "shop.example.com/spring": what a person recognises. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

/** Reported vs people clicks per link, most-clicked first; on aggregate pages, the link-floor estimate's basis. */
export function LinkTable({ summary }: { summary: CampaignSummary }) {
  const links = [...summary.links].sort((a, b) => b.rawClicks - a.rawClicks);
  return (
    <div>
      {summary.linkFloor ? (
        <p class="note" data-testid="link-floor">
          {t('ui_linkFloor', {
            share: `${Math.round(summary.linkFloor.scannerShare * 100)}%`,
            basis: summary.linkFloor.basis,
          })}
        </p>
      ) : null}
      {links.length === 0 ? (
        <p class="muted">{t('ui_noLinks')}</p>
      ) : (
        <div class="scroll">
          <table class="links">
            <thead>
              <tr>
                <th scope="col">{t('ui_linkUrl')}</th>
                <th scope="col" class="num">
                  {t('ui_linkRaw')}
                </th>
                <th scope="col" class="num">
                  {t('ui_linkQualified')}
                </th>
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.url} data-testid="link-row" data-url={link.url}>
                  <th scope="row" class="url">
                    <span title={link.url}>{shortUrl(link.url)}</span>
                    {link.utility ? <span class="tag">{t('ui_linkUtility')}</span> : null}
                    {link.estimated ? <span class="tag">{t('ui_linkEstimated')}</span> : null}
                  </th>
                  <td class="num" data-testid="link-raw-clicks">
                    {formatCount(link.rawClicks)}
                  </td>
                  <td class="num strong" data-testid="link-qualified-clicks">
                    {link.estimated ? '≈ ' : ''}
                    {formatCount(link.qualifiedClicks)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
