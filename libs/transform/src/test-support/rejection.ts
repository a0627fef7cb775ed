import type { TransformError } from '../transform-error.ts';

/** The error a promise rejects with; fails the test when it resolves instead. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<TransformError> => {
  try {
    await promise;
  } catch (error) {
    return error as TransformError;
  }
  throw new Error('expected the promise to reject, it resolved');
};
