// One polite live region per view: state changes ("Saved", "Copied", "Reading 40 of 100 rows") are announced
// to screen readers without moving focus.
export function LiveStatus({ message, testId = 'status' }: { message: string; testId?: string }) {
  return (
    <p class="status" role="status" aria-live="polite" data-testid={testId}>
      {message}
    </p>
  );
}
