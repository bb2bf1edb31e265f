// Independent child processes (tsc, npm, the generator) started side by side, two at a time: the machines this suite
// runs on have two cores. A test file queues its slow steps up front and each test awaits the result it asserts on.

/** Runs the jobs given to it two at a time, in the order given; each call returns its job's promise. */
export function twoAtATime(): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            running--;
            waiting.shift()?.();
          });
      };
      if (running < 2) start();
      else waiting.push(start);
    });
}

/**
 * A result a later test awaits: its rejection is that test's failure, not an unhandled rejection while it waits in
 * the queue.
 */
export function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
