/**
 * The signal hold around output writers: a signal during writing waits for the writer, then
 * stops the run (exit 2, one line); a signal that came after the output was complete and in
 * place is let go, since nothing was left unfinished.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdSignals, stopOnSignals } from '../../../src/cli/interrupt.js';

class Exited extends Error {}

const told: string[] = [];
stopOnSignals((text) => told.push(text));

afterEach(() => {
  told.length = 0;
  vi.restoreAllMocks();
});

function mockExit() {
  return vi.spyOn(process, 'exit').mockImplementation(() => {
    throw new Exited();
  });
}

describe('holdSignals', () => {
  it('a signal while writing is held until release, which then stops with one line and exit 2', () => {
    const exit = mockExit();
    const hold = holdSignals();
    process.emit('SIGTERM', 'SIGTERM');
    expect(exit).not.toHaveBeenCalled();
    expect(() => hold.check()).toThrow(/interrupted by SIGTERM/);
    expect(() => hold.release()).toThrow(Exited);
    expect(exit).toHaveBeenCalledWith(2);
    expect(told).toEqual(['aims: interrupted by SIGTERM; stopped before finishing (nothing half-written was left behind)\n']);
  });

  it('a signal after the output is complete is let go: release does not stop the run', () => {
    const exit = mockExit();
    const hold = holdSignals();
    process.emit('SIGINT', 'SIGINT');
    hold.complete();
    hold.release();
    expect(exit).not.toHaveBeenCalled();
    expect(told).toEqual([]);
  });
});
