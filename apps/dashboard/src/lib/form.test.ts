import { createFormControl } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { applyServerErrors } from './form';

// A real react-hook-form control (the one useForm wraps), without React.
const form = () => createFormControl({ defaultValues: { name: '', email: '', leadForm: { fields: [] as string[] } } });
const invalid = (details: unknown) =>
  new ApiError(400, 'validation_failed', 'The request is not valid.', 'req_1', details);

describe('applyServerErrors', () => {
  it("puts each of the server's validation details on its field", () => {
    const f = form();
    const placed = applyServerErrors(
      f,
      invalid([
        { path: 'email', message: 'Not an email address' },
        { path: 'name', message: 'Too long' },
      ]),
    );
    expect(placed).toBe(true);
    expect(f.getFieldState('email').error).toMatchObject({ type: 'server', message: 'Not an email address' });
    expect(f.getFieldState('name').error).toMatchObject({ type: 'server', message: 'Too long' });
  });

  it('places a nested path on the field that holds it', () => {
    const f = form();
    expect(applyServerErrors(f, invalid([{ path: 'leadForm.fields', message: 'email must be of type email' }]))).toBe(
      true,
    );
    expect(f.getFieldState('leadForm.fields').error?.message).toBe('email must be of type email');
  });

  it('answers false when a detail has no field, so the caller shows the whole error', () => {
    const f = form();
    expect(
      applyServerErrors(
        f,
        invalid([
          { path: 'email', message: 'Taken' },
          { path: '(body)', message: 'Expected an object' },
        ]),
      ),
    ).toBe(false);
    // What could be placed still is.
    expect(f.getFieldState('email').error?.message).toBe('Taken');
  });

  it('places nothing for other failures', () => {
    const f = form();
    expect(applyServerErrors(f, new ApiError(409, 'conflict', 'Already exists', 'req_2'))).toBe(false);
    expect(applyServerErrors(f, new Error('offline'))).toBe(false);
    expect(applyServerErrors(f, invalid([]))).toBe(false);
    expect(f.getFieldState('email').error).toBeUndefined();
    expect(f.getFieldState('name').error).toBeUndefined();
  });
});
