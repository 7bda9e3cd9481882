// The one vocabulary of column headers, shared by the CSV importer and the page reader (architecture practice 2:
// header text over class names). ESP exports and report tables name the same thing many ways ("Email",
// "Recipient", "E-Mail-Adresse", "Opened at", "Client IP"); this table maps them to the fields of an event.
// Pure: no browser or DOM globals.

export const COLUMN_FIELDS = [
  'recipient',
  'eventType',
  'timestamp',
  'timeOfDay',
  'ip',
  'userAgent',
  'url',
  'opens',
  'clicks',
  'messageId',
  'botHint',
  'mailExchange',
] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

export interface ColumnMatch {
  /** 0-based column index. */
  index: number;
  /** The header text as given. */
  header: string;
  /** 1 = the whole header is a known wording; lower = the header only contains one. */
  confidence: number;
}

export type ColumnMap = Partial<Record<ColumnField, ColumnMatch>>;

/**
 * Header wordings per field, already normalised (lower case, accents stripped, punctuation → space).
 * English first, then German, French, Spanish, Portuguese, Italian and Dutch wordings seen in ESP UIs/exports,
 * then Japanese, Chinese and Korean ones (kept as written: normalizeHeader keeps letters of every script).
 */
export const COLUMN_VOCABULARY: Record<ColumnField, readonly string[]> = {
  recipient: [
    'email', 'e mail', 'email address', 'e mail address', 'emailaddress', 'email_address', 'recipient',
    'recipient email', 'recipient address', 'to', 'to email', 'contact', 'contact email', 'subscriber',
    'subscriber email', 'address', 'mail', 'rcpt', 'user email', 'lead email', 'member',
    // Klaviyo calls a contact a "Profile"; CRMs list "Person"/"Lead"/"Customer".
    'profile', 'person', 'lead', 'customer', 'recipients', 'contacts', 'subscribers',
    'e mail adresse', 'email adresse', 'empfanger', 'kontakt', 'abonnent',
    'adresse e mail', 'adresse email', 'courriel', 'destinataire', 'abonne',
    'correo', 'correo electronico', 'destinatario', 'contacto', 'suscriptor',
    'endereco de email', 'endereco de e mail', 'contato', 'assinante', 'indirizzo email', 'iscritto',
    'e mailadres', 'emailadres', 'ontvanger', 'abonnee',
    'メールアドレス', 'メール', '宛先', '受信者', '連絡先', '購読者', '邮箱', '电子邮件', '收件人', '联系人', '이메일', '수신자', '받는 사람',
  ],
  eventType: [
    'event', 'event type', 'eventtype', 'event name', 'eventname', 'activity', 'activity type', 'action',
    'type', 'status', 'interaction', 'engagement', 'record type', 'recordtype', 'metric', 'metric name',
    'status text', 'st text', 'event status',
    'ereignis', 'aktion', 'aktivitat', 'typ', 'evenement', 'activite', 'evento', 'accion', 'actividad', 'tipo',
    'acao', 'atividade', 'azione', 'attivita', 'gebeurtenis', 'actie', 'activiteit',
    'イベント', 'アクティビティ', 'アクション', '種別', '事件', '活动', '类型', '이벤트', '활동', '유형',
  ],
  timestamp: [
    'date', 'time', 'timestamp', 'datetime', 'date time', 'date and time', 'when', 'opened at', 'clicked at',
    'open time', 'click time', 'opened', 'clicked', 'created', 'created at', 'createdat', 'event time',
    'event date', 'occurred at', 'received at', 'receivedat', 'ts', 'time utc', 'date utc', 'activity date',
    'datum', 'zeit', 'uhrzeit', 'zeitstempel', 'zeitpunkt', 'datum uhrzeit', 'datum und uhrzeit', 'geoffnet am', 'geklickt am',
    'heure', 'horodatage', 'date heure', 'ouvert le', 'clique le',
    'fecha', 'hora', 'fecha y hora', 'marca de tiempo', 'abierto el',
    'data', 'data e hora', 'carimbo de data hora', 'ora', 'data e ora', 'tijd', 'tijdstip', 'datum tijd',
    'wann', 'quand', 'cuando', 'quando', 'wanneer',
    '日時', '日付', '時刻', '時間', '时间', '日期', '일시', '날짜', '시간',
  ],
  // A separate time column next to a date column ("Date" | "Time"): the row's time is the two together.
  // Listed after timestamp, so a lone "Time" column is the timestamp.
  timeOfDay: ['time', 'time of day', 'hour', 'zeit', 'uhrzeit', 'heure', 'hora', 'ora', 'tijd', 'local time'],
  ip: [
    'ip', 'ip address', 'ipaddress', 'client ip', 'clientip', 'remote ip', 'source ip', 'user ip', 'ip addr',
    'location', 'geo ip', 'ip adresse', 'adresse ip', 'direccion ip', 'endereco ip', 'indirizzo ip', 'ip adres',
    'ipアドレス', 'ip地址', 'ip 주소',
  ],
  userAgent: [
    'user agent', 'useragent', 'user_agent', 'ua', 'browser', 'client', 'email client', 'device', 'agent',
    'client name', 'user agent string', 'navigateur', 'navegador', 'browser client', 'apparaat', 'gerat',
    'appareil', 'dispositivo',
    'ブラウザ', 'ユーザーエージェント', '浏览器', '用户代理', '브라우저',
  ],
  url: [
    'url', 'link', 'clicked url', 'clicked link', 'original link', 'originallink', 'link url', 'target url',
    'destination', 'destination url', 'href', 'clicked', 'click url', 'lien', 'enlace', 'collegamento',
    'verlinkung', 'ziel url',
    'リンク', '链接', '링크',
  ],
  opens: [
    'opens', 'open count', 'total opens', 'unique opens', 'number of opens', 'opens count', 'times opened',
    'offnungen', 'ouvertures', 'aperturas', 'aberturas', 'aperture', 'geopend',
  ],
  clicks: [
    'clicks', 'click count', 'total clicks', 'unique clicks', 'number of clicks', 'clicks count', 'times clicked',
    'klicks', 'clics', 'cliques', 'clic', 'kliks',
  ],
  messageId: [
    'message id', 'messageid', 'message_id', 'msg id', 'sg message id', 'mail id', 'email id', 'nachrichten id',
  ],
  // The MX host a delivery went to (SendGrid's activity export "mx"), not an address or a link.
  mailExchange: ['mx', 'mx host', 'mxhost', 'mx server', 'mail exchanger', 'receiving mx', 'remote mx'],
  botHint: [
    'bot', 'is bot', 'machine open', 'sg machine open', 'filtered event', 'filteredevent', 'proxy open',
    'bot flag', 'apple mpp', 'mpp',
  ],
};

/**
 * Lower case, Latin accents stripped, every run of non-letters/digits → one space. "E-Mail-Adresse" →
 * "e mail adresse"; "日時 (JST)" → "日時 jst".
 */
export function normalizeHeader(header: string): string {
  return String(header)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    // Letters of every script stay (a Japanese or Greek header is a header too); marks stay with their letter.
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
    // Composed again: NFKD splits Hangul syllables and kana with voicing marks, which patterns write composed.
    .normalize('NFC');
}

const EXACT_WORDING = new Map<string, ColumnField[]>();
const NORMALIZED_VOCABULARY = {} as Record<ColumnField, string[]>;
for (const field of COLUMN_FIELDS) {
  NORMALIZED_VOCABULARY[field] = COLUMN_VOCABULARY[field].map(normalizeHeader);
  for (const key of NORMALIZED_VOCABULARY[field]) {
    EXACT_WORDING.set(key, [...(EXACT_WORDING.get(key) ?? []), field]);
  }
}

interface Candidate {
  field: ColumnField;
  index: number;
  header: string;
  confidence: number;
}

const IDENTIFIER_HEADER = /(^| )(id|ids|uuid|guid|key|token|hash)$/;
const CATEGORY_AGENT_WORDINGS = new Set([
  'browser', 'client', 'email client', 'device', 'client name', 'browser client', 'navigateur', 'navegador',
  'apparaat', 'gerat', 'appareil', 'dispositivo',
]);
export const SENDER_SIDE_WORDS = /(^| )(sending|outbound|originating|sender|server|mta|relay|smtp|mx|dedicated|pool)( |$)/;
const OTHER_SUBJECT_WORDS =
  /(^| )(device|client|content|bounce|browser|os|platform|link|url|ip|mime|file|account|contact|list|subscription|user|member|customer|campaign|message|template|delivery|sending|lead|deal|ticket|lifecycle|stage|order|company|task|opportunity|pipeline|payment|invoice|project|owner|sync|import|verification|consent|profile|person|subscriber|audience|segment|workflow|automation)( |$)/;
const CLIENT_PART_HEADER = /(^| )(type|category|family|os|model|vendor|version|brand|name)$/;

/** How well one header names one field: 1 for an exact wording, 0.4..0.9 when it contains one, else 0. */
function scoreHeader(normalized: string, field: ColumnField): number {
  if (normalized.length === 0) return 0;
  const exact = EXACT_WORDING.get(normalized);
  if (exact?.includes(field)) {
    // A wording that names two fields ("clicked" = a time or a URL) is weaker than a one-field wording, and
    // "Client"/"Device"/"Browser" may hold a category ("Apple Mail", "Desktop") where "User Agent" is sure.
    if (field === 'userAgent' && CATEGORY_AGENT_WORDINGS.has(normalized)) return 0.85;
    return exact.length > 1 ? 0.9 : 1;
  }
  // "Event ID", "Campaign ID", "Link Key": an identifier column only contains a field's wording. It may still
  // be the recipient (an ESP's contact id) or the message id, never the event type, a time, an IP, a URL.
  if (IDENTIFIER_HEADER.test(normalized) && field !== 'recipient' && field !== 'messageId') return 0;
  // "Device Type", "Client OS", "Browser Version": a category or a part of the client, not a user-agent string.
  if (field === 'userAgent' && CLIENT_PART_HEADER.test(normalized)) return 0;
  // "Sending IP", "outbound_ip", "originating_ip": the sender's or the ESP's server, never the reader.
  if (field === 'ip' && SENDER_SIDE_WORDS.test(normalized)) return 0;
  // "Device Type", "Bounce Type", "Campaign Status": a type or status of something other than the event.
  if (field === 'eventType' && OTHER_SUBJECT_WORDS.test(normalized)) return 0;
  const padded = ` ${normalized} `;
  let best = 0;
  for (const key of NORMALIZED_VOCABULARY[field]) {
    if (key.length < 2 || !padded.includes(` ${key} `)) continue;
    // Longer matched wordings cover more of the header and say more: "ip address" in "client ip address".
    const coverage = key.length / normalized.length;
    best = Math.max(best, 0.4 + 0.5 * coverage);
  }
  return best;
}

/**
 * Map header texts to event fields. Every field gets at most one column and every column at most one field;
 * the strongest matches are taken first. Never throws.
 */
export function inferColumns(headers: readonly string[]): ColumnMap {
  const candidates: Candidate[] = [];
  if (!Array.isArray(headers)) return {};
  if (headers.length > 5000) return {}; // not a header row: a pasted blob
  headers.forEach((header, index) => {
    const normalized = normalizeHeader(typeof header === 'string' ? header : String(header ?? ''));
    for (const field of COLUMN_FIELDS) {
      const confidence = scoreHeader(normalized, field);
      if (confidence > 0) candidates.push({ field, index, header: String(header ?? ''), confidence });
    }
  });
  // Strongest first; on a tie the earlier column wins (exports put the main field first).
  candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const map: ColumnMap = {};
  const usedColumns = new Set<number>();
  for (const candidate of candidates) {
    if (map[candidate.field] || usedColumns.has(candidate.index)) continue;
    map[candidate.field] = {
      index: candidate.index,
      header: candidate.header,
      confidence: Math.round(candidate.confidence * 100) / 100,
    };
    usedColumns.add(candidate.index);
  }
  return map;
}

export type NormalizedEventType = 'open' | 'click' | 'delivered' | 'other';

const OPEN_WORDS = /\b(opens?|opened|opening|unique opened|first opening|email open|emailopen|open email|proxy open|viewed|view|read|geoffnet|offnung|ouvert|ouverture|abierto|apertura|aberto|abertura|aperto|geopend|otwarcie|otwarcia|otwarto|otwarty|otwarta|otwarte|oppnad|oppnat|oppnade|oppning|abnet|apnet|apning|abning|otevreno|otevreni|avattu|avaus)\b/;
const CLICK_WORDS = /\b(clicks?|clicked|clicking|email click|emailclick|link click|klick|klicks|geklickt|clic|clique|cliquee|clics|clicado|clique|cliccato|geklikt|klik|klikniecie|klikniecia|klikniete|klikniety|klickad|klickade|klickat|klikket|klikk|kliknuti|kliknuto|klikattu|klikkaus)\b/;
const DELIVERED_WORDS = /\b(delivered|delivery|deliveries|received|zugestellt|zustellung|delivre|livre|entregado|entregue|consegnato|afgeleverd|dostarczono|dostarczenie|dostarczony|levererad|leveret|levert|doruceno|toimitettu)\b/;
// Japanese, Chinese and Korean event words: these scripts have no spaces between words, so no \b around them.
const CJK_OPEN_WORDS = /開封|开封|打开|已打开|열람|오픈|개봉/;
const CJK_CLICK_WORDS = /クリック|点击|點擊|클릭/;
const CJK_DELIVERED_WORDS = /配信済|配信完了|受信|送达|已送达|投递|전달|수신/;
// Unsubscribed, bounced, unopened, refused, error: checked first, as the Latin negatives are.
const CJK_NOT_ENGAGEMENT = /配信停止|購読解除|解除|バウンス|未開封|未配信|未送达|拒否|エラー|退订|退信|未打开|失败|수신거부|반송|실패/;

/**
 * The kind of an event-type text: "Opened", "open", "Opened email", "unique_opened", "OPEN" → open;
 * "click", "Clicked link" → click; "delivered", "Delivery" → delivered; anything else (processed, bounce,
 * unsubscribe, spam…) → other. Never throws.
 */
export function normalizeEventType(text: string): NormalizedEventType {
  if (typeof text !== 'string') return 'other';
  // Split camelCase ("emailOpen") before normalising, then treat _ and - as spaces.
  const words = normalizeHeader(text.replace(/([a-z])([A-Z])/g, '$1 $2'));
  if (words.length === 0 || words.length > 60) return 'other';
  // Failures and negations first: "not delivered", "delivery failed", "open tracking disabled" are not events.
  if (/\b(not|non|unsubscribe|unsubscribed|spam|complaint|bounce|bounced|failed|failure|deferred|dropped|blocked|rejected|disabled)\b/.test(words)) {
    return 'other';
  }
  if (CJK_NOT_ENGAGEMENT.test(words)) return 'other';
  if (CLICK_WORDS.test(words) || CJK_CLICK_WORDS.test(words)) return 'click';
  if (OPEN_WORDS.test(words) || CJK_OPEN_WORDS.test(words)) return 'open';
  if (DELIVERED_WORDS.test(words) || CJK_DELIVERED_WORDS.test(words)) return 'delivered';
  return 'other';
}

/**
 * Whether an event-type text means "handed to the sending pipeline" (SendGrid processed, Mailgun accepted,
 * Iterable emailSend, HubSpot SENT): the send time, not the recipient server's acceptance.
 */
export function isSendEventType(text: string): boolean {
  if (typeof text !== 'string') return false;
  const words = normalizeHeader(text.replace(/([a-z])([A-Z])/g, '$1 $2'));
  return /^(processed|accepted|sent|send|email send|request|queued|injection|injected|versendet|gesendet|envoye|enviado|inviato|verzonden)$/.test(words);
}
