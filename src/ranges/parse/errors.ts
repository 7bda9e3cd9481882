// One error type for every official-format parser, with a message a person can act on
// ("line 12: '1.2.3' is not an IP range"), so the options page can show it as is.
export class RangeSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RangeSourceError';
  }
}
