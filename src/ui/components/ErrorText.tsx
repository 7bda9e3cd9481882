// The one way an options form says what is wrong: a paragraph that screen readers announce at once. Rendered
// even when empty, so the region exists before the first error (an alert added with its text is often missed).
export function ErrorText({ id, message, testId }: { id?: string; message: string; testId?: string }) {
  return (
    <p id={id} class="error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
