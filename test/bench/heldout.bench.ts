// Held-out accuracy: campaigns from an independent generator (test/heldout/, written without reading the
// classifier), written as four export formats, read back through the importers and scored against the
// acceptance figures and every published rule set. `npm run bench heldout` runs only this part.
export { run } from '../heldout/report';
