// `convlab <command>`: dispatches to replay, train, apply or lenet, and turns bad input into one line on
// stderr with exit code 2.
// Each command is imported only when it runs, so a command starts without loading the others.
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './errors.ts';
import { oneLine } from './files.ts';

const HELP = `Usage: convlab <command> [options]

Commands:
  replay   replay the notebook's edge-detector experiment, printing the losses
  train    learn a kernel from an image (or a saved lab) in a worker thread, write weights JSON
  apply    apply weights to an image and write the feature map as a PNG
  lenet    train d2l's LeNet on Fashion-MNIST in a worker thread (or --eval a saved model)

Run convlab <command> --help for the options of a command.`;

export async function main(args: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'replay':
        return await (await import('./replay.ts')).replay(rest, out);
      case 'train':
        return await (await import('./train.ts')).train(rest, out);
      case 'apply':
        return await (await import('./apply.ts')).apply(rest, out);
      case 'lenet':
        return await (await import('./lenet.ts')).lenet(rest, out);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(
          `convlab: unknown command ${JSON.stringify(command)} (commands: replay, train, apply, lenet)`,
        );
    }
  } catch (error) {
    // One line always: a path or a library's message may hold a newline; it is shown escaped.
    if (error instanceof UsageError) {
      process.stderr.write(`${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`convlab ${oneLine(String(command))}: ${oneLine((error as Error).message)}\n`);
    return EXIT_FAILED;
  }
}
