// How a signal declares itself: its id, the stage it runs in, the evidence it can add (each with its weight in
// log-odds) and a sentence for every reason code it emits. The reason-code table the UI shows and the type of
// every code are derived from these declarations (signals/declarations.ts), so a code no signal declares does not
// compile and a sentence lives next to the weights it explains.
import type { Evidence } from './context';

/** `event`: reads the events themselves; `relational`: reads the first-pass labels of a recipient's other events. */
export type SignalStage = 'event' | 'relational';

export interface SignalDeclaration<Reasons extends Record<string, string>, Names extends string = string> {
  id: string;
  stage: SignalStage;
  /** Reason code → the sentence the UI shows (parametric codes add `:<vendor>` to the code). */
  reasons: Reasons;
  /** The evidence the signal adds, by name, each with its weight (log-odds; weights computed per campaign give their bound). */
  evidence: Record<Names, Evidence & { code: CodeOf<Reasons> }>;
}

/** A declared code, or a declared code with a parameter (`scanner-ip:microsoft`). */
export type CodeOf<Reasons extends Record<string, string>> = Extract<keyof Reasons, string> | `${Extract<keyof Reasons, string>}:${string}`;

/** A parametric code of a signal's own table (`scanner-ip` + `microsoft`); another signal's code does not compile. */
export function parametricCode<Reasons extends Record<string, string>>(
  _declaration: SignalDeclaration<Reasons, string>,
  code: Extract<keyof Reasons, string>,
  parameter: string,
): CodeOf<Reasons> {
  return `${code}:${parameter}`;
}

export function declareSignal<const Reasons extends Record<string, string>, Names extends string = never>(
  declaration: SignalDeclaration<Reasons, Names>,
): SignalDeclaration<Reasons, Names> {
  return declaration;
}
