// The `scanner-sieve` command (package.json "bin"), compiled to dist/cli/scanner-sieve.mjs by `npm run build`
// (test/scripts/build-cli.mjs) so nothing is transpiled when it runs. One subcommand today: `audit`.
import { EXIT_CODES, helpText, runAsProcess } from './audit';

const [command, ...rest] = process.argv.slice(2);
if (command === 'audit') {
  runAsProcess(rest);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  // Asked for: the help on stdout, success. No command at all: the same text on stderr, a usage failure.
  const help = `${helpText()}\ncommands:\n  audit FILE   classify the opens and clicks of one export file\n`;
  if (command === undefined) process.stderr.write(help);
  else process.stdout.write(help);
  process.exitCode = command === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
} else {
  process.stderr.write(`scanner-sieve: unknown command '${command}'; try: scanner-sieve audit FILE (or scanner-sieve --help)\n`);
  process.exitCode = EXIT_CODES.usage;
}
