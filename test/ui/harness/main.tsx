import { render } from 'preact';
import '../../../src/ui/theme.css';
import { PopupApp } from '../../../src/popup/App';
import { OptionsApp } from '../../../src/options/App';
import { realisticReport } from '../fixtures/realistic-campaign';
import { installFakeWorker } from '../fixtures/fake-worker';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
const report = realisticReport();
installFakeWorker({
  'get-settings': () => DEFAULT_SETTINGS,
  'get-tab-report': ({ tabId }) => tabId === 2 ? {} : ({ url: 'https://app.sendgrid.com/email_activity', esp: 'sendgrid', campaignName: 'Spring sale 2026', page: { state: 'ready' }, report }),
  'list-audits': () => [{ id: 'a', esp: 'sendgrid', campaignName: 'Spring sale 2026', source: 'page', createdAt: Date.now(), summary: report.summary }],
  'dataset-info': () => ({ version: '2026-11-01', source: 'bundled', prefixCount: 1843, userRangeCount: 0 }),
  'list-user-ranges': () => [],
});
const which = new URLSearchParams(location.search).get('page');
const root = document.getElementById('app')!;
if (which === 'options') { document.body.classList.add('options'); render(<OptionsApp importRunner={async () => { throw new Error('x'); }} />, root); }
else if (which === 'unsupported') { document.body.classList.add('popup'); render(<PopupApp tab={{ id: 2, url: 'https://example.com/x' }} readerPatterns={[]} supportedPages={['SendGrid: Email Activity (the feed and a message’s event panel)', 'Mailchimp: campaign click performance and recipient activity']} />, root); }
else { document.body.classList.add('popup'); render(<PopupApp tab={{ id: 1, url: 'https://app.sendgrid.com/email_activity' }} readerPatterns={[]} supportedPages={[]} />, root); }
