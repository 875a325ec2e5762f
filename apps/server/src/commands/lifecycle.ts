import type { Runtime } from '../runtime';

/**
 * Graceful stop on SIGINT/SIGTERM (a second signal exits at once); exit 1 if the embedded
 * database thread dies, since nothing can be served without it.
 */
export function keepRunning(runtime: Runtime): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    runtime.log.info({ signal }, 'stopping');
    runtime.stop().then(
      () => process.exit(0),
      (error) => {
        runtime.log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  runtime.database.onFatal((error) => {
    runtime.log.fatal({ err: error }, 'the database stopped; exiting');
    process.exit(1);
  });
}
