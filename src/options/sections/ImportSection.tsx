import { useRef, useState } from 'preact/hooks';
import { formatChoices, type ImportResult } from '../../importers';
import type { StorageProblem } from '../../shared/messages';
import type { Settings } from '../../shared/settings';
import type { CampaignReport } from '../../shared/types';
import { ReportView } from '../../ui/components/Report';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { StorageBanner } from '../../ui/components/StorageBanner';
import { formatCount } from '../../ui/format';
import { t } from '../../ui/i18n';
import { errorText } from '../../ui/request';
import { classifyImportedCampaign } from '../send-import';
import type { ImportRunner } from '../run-import';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string; bytesRead: number; totalBytes: number }
  | { kind: 'classifying'; fileName: string; count: number; sent?: number }
  | { kind: 'done'; fileName: string; result: ImportResult; report: CampaignReport; storageProblem?: StorageProblem }
  | { kind: 'failed'; fileName: string; message: string; result?: ImportResult };

function ImportProblems({ result }: { result: ImportResult }) {
  if (result.errors.length === 0) return null;
  return (
    <details open data-testid="import-problems">
      <summary>{t('ui_importProblems')}</summary>
      {result.skippedCount > 0 ? <p>{t('ui_importSkipped', { count: formatCount(result.skippedCount) })}</p> : null}
      <ul>
        {result.errors.map((problem, at) => (
          <li key={at} data-testid="import-problem">
            {problem.line !== undefined && !problem.message.startsWith('line ')
              ? t('ui_importProblemLine', { line: problem.line, message: problem.message })
              : problem.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Drop an export file, parse it in a worker with progress, classify it in the background, show the report. */
export function ImportSection({ settings, runner }: { settings: Settings; runner: ImportRunner }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [sentAt, setSentAt] = useState('');
  /** '' = detect from the file. */
  const [format, setFormat] = useState('');
  const [dragOver, setDragOver] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  const start = async (file: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const fileName = file.name;
    setPhase({ kind: 'reading', fileName, bytesRead: 0, totalBytes: file.size });
    const sentAtMs = sentAt ? new Date(sentAt).getTime() : undefined;
    let result: ImportResult;
    try {
      result = await runner(
        file,
        {
          fileName,
          ...(format ? { format } : {}),
          ...(sentAtMs !== undefined && Number.isFinite(sentAtMs) ? { sentAt: sentAtMs } : {}),
        },
        (progress) => {
          if (!controller.signal.aborted) setPhase({ kind: 'reading', fileName, ...progress });
        },
        controller.signal,
      );
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ kind: 'failed', fileName, message: errorText(error) });
      return;
    }
    if (controller.signal.aborted) return;
    if (result.unreadable !== undefined) {
      setPhase({ kind: 'failed', fileName, message: `${fileName} ${result.unreadable}` });
      return;
    }
    const count = result.campaign.events.length;
    if (count === 0) {
      const firstProblem = result.errors[0]?.message ?? 'no opens or clicks in the file';
      setPhase({ kind: 'failed', fileName, message: firstProblem, result });
      return;
    }
    setPhase({ kind: 'classifying', fileName, count });
    try {
      const { report, storageProblem } = await classifyImportedCampaign(
        { ...result.campaign, name: result.campaign.name ?? fileName },
        fileName,
        result.format,
        {
          onProgress: (sent, total) => {
            if (!controller.signal.aborted && sent < total) setPhase({ kind: 'classifying', fileName, count, sent });
          },
        },
      );
      if (!controller.signal.aborted) setPhase({ kind: 'done', fileName, result, report, ...(storageProblem ? { storageProblem } : {}) });
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ kind: 'failed', fileName, message: errorText(error), result });
    }
  };
  const cancel = () => {
    abort.current?.abort();
    setPhase({ kind: 'idle' });
  };

  let statusText = '';
  if (phase.kind === 'reading') {
    // Tens of percent: the status is a live region, and the progress bar shows the fine steps.
    const percent = phase.totalBytes > 0 ? `${Math.floor((phase.bytesRead / phase.totalBytes) * 10) * 10}%` : '0%';
    statusText = t('ui_importReading', { fileName: phase.fileName, percent });
  } else if (phase.kind === 'classifying') {
    statusText =
      phase.sent === undefined
        ? t('ui_importClassifying', { count: formatCount(phase.count) })
        : t('ui_importSending', { sent: formatCount(phase.sent), count: formatCount(phase.count) });
  } else if (phase.kind === 'done') {
    statusText = t('ui_importDone', {
      fileName: phase.fileName,
      format: phase.result.format,
      count: formatCount(phase.result.campaign.events.length),
    });
  } else if (phase.kind === 'failed') {
    statusText = t('ui_importFailed', { fileName: phase.fileName, error: phase.message });
  }
  const busy = phase.kind === 'reading' || phase.kind === 'classifying';

  return (
    <div>
      <p>{t('ui_importIntro')}</p>
      <div class="field">
        <label for="import-sent-at">{t('ui_sentAt')}</label>
        <input
          id="import-sent-at"
          type="datetime-local"
          value={sentAt}
          onInput={(event) => setSentAt((event.currentTarget as HTMLInputElement).value)}
          data-testid="import-sent-at"
        />
      </div>
      <div class="field">
        <label for="import-format">{t('ui_importFormat')}</label>
        <select
          id="import-format"
          value={format}
          onChange={(event) => setFormat((event.currentTarget as HTMLSelectElement).value)}
          data-testid="import-format"
        >
          <option value="">{t('ui_importFormatDetect')}</option>
          {formatChoices().map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.title}
            </option>
          ))}
        </select>
      </div>
      <div
        class={`drop-zone${dragOver ? ' over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragOver(false);
          const file = event.dataTransfer?.files[0];
          if (file) void start(file);
        }}
      >
        <p>{t('ui_dropZone')}</p>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".csv,.tsv,.json,.ndjson,.jsonl,.txt,text/csv,application/json"
          class="visually-hidden"
          // The visible button opens it; one tab stop, not two.
          tabIndex={-1}
          onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            if (file) void start(file);
          }}
          data-testid="import-file"
        />
        <button type="button" class="primary" onClick={() => input.current?.click()} disabled={busy}>
          {t('ui_chooseFile')}
        </button>
      </div>
      {phase.kind === 'reading' ? (
        <div>
          <progress
            max={Math.max(1, phase.totalBytes)}
            value={phase.bytesRead}
            aria-label={statusText}
            data-testid="import-progress"
          />
          <button type="button" onClick={cancel}>
            {t('ui_cancel')}
          </button>
        </div>
      ) : null}
      <LiveStatus message={statusText} testId="import-status" />
      {phase.kind === 'failed' && phase.result ? <ImportProblems result={phase.result} /> : null}
      {phase.kind === 'done' ? (
        <div class="import-report">
          {/* Classified but not kept (a full disk): the report shows, and the way to free space. */}
          <StorageBanner problem={phase.storageProblem} source="import" onFreeSpace={() => (location.hash = '#data')} />
          <ImportProblems result={phase.result} />
          <ReportView
            report={phase.report}
            campaignName={phase.result.campaign.name ?? phase.fileName}
            esp={phase.result.campaign.esp ?? phase.result.format}
            source="import"
            strict={settings.classifier.strict}
            mode={settings.mode}
            events={phase.result.campaign.events}
          />
        </div>
      ) : null}
    </div>
  );
}
