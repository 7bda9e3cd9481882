// ESP data that was not written for this project (../shared/external-samples: official webhook/API examples and
// real activity from public connector seeds). Per file, the number of opens and clicks must match the table in
// that folder's README. The files are third-party and never copied here: the test skips when they are absent.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyCampaign } from '../../src/classifier/index';
import { importText } from '../../src/importers/index';
import { getBundledIndex } from '../../src/ranges/index';

const EXPORTS = resolve(__dirname, '..', '..', '..', 'shared', 'external-samples', 'exports');
const present = existsSync(EXPORTS);

/** Open and click records per data file (README "events" column); files with neither are not exports of events. */
const COUNTS: Record<string, { opens: number; clicks: number; format: string }> = {
  'sendgrid/sendgrid-docs-event-reference-example.json': { opens: 1, clicks: 1, format: 'sendgrid-webhook' },
  'sendgrid/derived-django-anymail-tests-sendgrid-open-click.json': { opens: 1, clicks: 1, format: 'sendgrid-webhook' },
  'ses/derived-awsdocs-sns-event-examples.json': { opens: 1, clicks: 1, format: 'ses' },
  'mailgun/derived-mailgun-documentation-examples.json': { opens: 2, clicks: 1, format: 'mailgun' },
  'postmark/derived-django-anymail-tests-postmark-open-click.json': { opens: 1, clicks: 1, format: 'postmark' },
  'mailchimp/fivetran-dbt_mailchimp-campaign_recipient_activity.csv': { opens: 12, clicks: 5, format: 'csv' },
  'mailchimp/fivetran-dbt_mailchimp-automation_recipient_activity.csv': { opens: 2, clicks: 6, format: 'csv' },
  'hubspot/fivetran-dbt_hubspot-email_event_data.csv': { opens: 90, clicks: 0, format: 'csv' },
  'marketo/fivetran-dbt_marketo-activity_open_email_data.csv': { opens: 100, clicks: 0, format: 'marketo' },
  'marketo/fivetran-dbt_marketo-activity_click_email_data.csv': { opens: 0, clicks: 100, format: 'marketo' },
  'campaign-monitor/createsend-php-campaign_opens.json': { opens: 5, clicks: 0, format: 'campaign-monitor' },
  'campaign-monitor/createsend-php-campaign_clicks.json': { opens: 0, clicks: 3, format: 'campaign-monitor' },
  'mailjet/mailjet-api-documentation-event-api-open.json': { opens: 1, clicks: 0, format: 'mailjet' },
  'mailjet/mailjet-api-documentation-event-api-click.json': { opens: 0, clicks: 1, format: 'mailjet' },
  // opened, unique_opened, proxy_open, unique_proxy_open, click
  'brevo/derived-django-anymail-tests-brevo-open-click.json': { opens: 4, clicks: 1, format: 'brevo' },
  'mandrill/derived-mandrill.net-testdata-mandrill_webhook_example.json': { opens: 1, clicks: 1, format: 'mandrill' },
  'sparkpost/sparkpost-api-docs-events-search-response-example.json': { opens: 0, clicks: 1, format: 'sparkpost' },
};

function importSample(file: string) {
  return importText(readFileSync(join(EXPORTS, file), 'utf8'), { fileName: file.split('/').pop()! });
}

describe.skipIf(!present)('external samples', () => {
  it.each(Object.entries(COUNTS))('%s: opens and clicks as the README counts them', (file, expected) => {
    const result = importSample(file);
    const opens = result.campaign.events.filter((event) => event.type === 'open').length;
    const clicks = result.campaign.events.filter((event) => event.type === 'click').length;
    expect({ opens, clicks, format: result.recordFormat ?? result.format }).toEqual(expected);
    expect(result.skippedCount).toBe(0);
  });

  it('Mandrill: each event carries its message’s send time (msg.ts), so the send is known', () => {
    const result = importSample('mandrill/derived-mandrill.net-testdata-mandrill_webhook_example.json');
    expect(result.campaign.sentAt).toBe(1365109999 * 1000);
  });

  it('SparkPost: injection_time gives the send time', () => {
    const result = importSample('sparkpost/sparkpost-api-docs-events-search-response-example.json');
    expect(result.campaign.sentAt).toBe(Date.parse('2016-04-18T14:25:07Z'));
  });

  it('HubSpot: each engaged recipient is timed from its own first send (sent_by_created), not from nothing', () => {
    const result = importSample('hubspot/fivetran-dbt_hubspot-email_event_data.csv');
    const engaged = new Set(result.campaign.events.map((event) => event.recipient));
    const deliveries = new Map((result.campaign.deliveries ?? []).map((delivery) => [delivery.recipient, delivery.deliveredAt]));
    for (const recipient of engaged) expect(deliveries.has(recipient!)).toBe(true);
    // The file's first open of 'o2wjpPyUfzBfq9OSt9I2NQ==' came 6.2 s after its send (README: 4 opens 6.2–20.6 s).
    const quick = result.campaign.events.filter((event) => {
      const delivered = deliveries.get(event.recipient ?? '');
      return delivered !== undefined && event.timestamp! >= delivered && event.timestamp! - delivered <= 21_000;
    });
    expect(quick.length).toBeGreaterThanOrEqual(1);
  });

  it('Marketo: the Gmail-proxy opens are kept as agents for the classifier', () => {
    const result = importSample('marketo/fivetran-dbt_marketo-activity_open_email_data.csv');
    const agents = result.campaign.events.map((event) => event.userAgent ?? '');
    expect(agents.filter((agent) => agent.includes('GoogleImageProxy'))).toHaveLength(40);
    expect(agents.filter((agent) => agent.includes('Edge/12.246 Mozilla/5.0'))).toHaveLength(4);
    const report = classifyCampaign(result.campaign, { ranges: getBundledIndex() });
    expect(report.verdicts).toHaveLength(100);
  });

  it("Marketo: Gmail's own checker (…Edge/12.246 Mozilla/5.0) is a machine, unlike Gmail's image proxy", () => {
    const result = importSample('marketo/fivetran-dbt_marketo-activity_open_email_data.csv');
    const report = classifyCampaign(result.campaign, { ranges: getBundledIndex() });
    const agentOf = new Map(result.campaign.events.map((event) => [event.sourceIndex, event.userAgent ?? '']));
    const checker = report.verdicts.filter((verdict) => agentOf.get(verdict.sourceIndex)!.includes('Edge/12.246 Mozilla/5.0'));
    expect(checker).toHaveLength(4);
    for (const verdict of checker) expect(['scanner', 'proxy']).toContain(verdict.label);
    const imageProxy = report.verdicts.filter((verdict) => agentOf.get(verdict.sourceIndex)!.includes('GoogleImageProxy'));
    expect(imageProxy.every((verdict) => verdict.label === 'human' || verdict.label === 'suspect')).toBe(true);
  });
});
